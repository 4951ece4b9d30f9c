namespace Agop.Pipeline.Display;

/// <summary>
/// Estimates time left, stage by stage: a remaining unit is expected to take the mean of its stage's units finished in this
/// run; for a stage with none yet, the typical time of its units in earlier runs (<paramref name="history"/>, e.g. the
/// median from the store's manifests, see <see cref="Engine.StageHistory"/>); only when neither exists, the median of all
/// units finished in this run (not their mean: a few long trainings would otherwise be extrapolated onto every fast unit
/// of a fresh store). The sum is divided among the jobs.
/// </summary>
/// <param name="history">Seconds per unit by stage from earlier runs (null: none).</param>
public sealed class EtaEstimator(int jobs, IReadOnlyDictionary<string, double>? history = null)
{
    readonly Dictionary<string, (double Total, int Count)> _byStage = new(StringComparer.Ordinal);
    readonly IReadOnlyDictionary<string, double> _history = history ?? new Dictionary<string, double>();
    readonly List<double> _all = [];
    double? _median;

    public void Finished(string stage, TimeSpan elapsed)
    {
        lock (_byStage)
        {
            _byStage.TryGetValue(stage, out var s);
            _byStage[stage] = (s.Total + elapsed.TotalSeconds, s.Count + 1);
            _all.Add(elapsed.TotalSeconds);
            _median = null;
        }
    }

    /// <returns>Null while some remaining stage has neither a finished unit, nor a history, nor an overall mean to fall back on.</returns>
    public TimeSpan? Remaining(IEnumerable<string> remainingStages)
    {
        lock (_byStage)
        {
            double seconds = 0;
            foreach (var stage in remainingStages)
            {
                if (Expected(stage) is not { } expected) return null;
                seconds += expected;
            }
            return TimeSpan.FromSeconds(seconds / Math.Max(1, jobs));
        }
    }

    /// <summary>
    /// The distinct stages among <paramref name="remainingStages"/> whose units have neither finished in this run nor a
    /// history: their share of <see cref="Remaining"/> is a guess (early in a run from an empty store, most of it).
    /// </summary>
    public int Untimed(IEnumerable<string> remainingStages)
    {
        lock (_byStage)
            return remainingStages.Distinct(StringComparer.Ordinal).Count(stage => !_byStage.ContainsKey(stage) && !_history.ContainsKey(stage));
    }

    /// <summary>"~5m10s left", with "(3 stages not timed yet)" where <see cref="Untimed"/> says part of it is a guess.</summary>
    public string Describe(IReadOnlyCollection<string> remainingStages)
    {
        int untimed = Untimed(remainingStages);
        string guess = untimed switch { 0 => "", 1 => " (1 stage not timed yet)", _ => $" ({untimed} stages not timed yet)" };
        return $"~{Format(Remaining(remainingStages))} left{guess}";
    }

    /// <summary>The seconds one more unit of <paramref name="stage"/> is expected to take, or null when nothing is known.</summary>
    double? Expected(string stage) =>
        _byStage.TryGetValue(stage, out var s) ? s.Total / s.Count
        : _history.TryGetValue(stage, out double typical) ? typical
        : Median();

    double? Median()
    {
        if (_all.Count == 0) return null;
        if (_median is null)
        {
            var sorted = _all.Order().ToList();
            int middle = sorted.Count / 2;
            _median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
        return _median;
    }

    public static string Format(TimeSpan? span) => span is not { } s ? "?"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h{s.Minutes:00}m"
        : s.TotalMinutes >= 1 ? $"{(int)s.TotalMinutes}m{s.Seconds:00}s"
        : $"{s.TotalSeconds:0}s";
}
