namespace Agop.Pipeline.Display;

/// <summary>
/// Estimates time left unit by unit. With a shipped cost model (<see cref="UnitCostModel"/>, seconds per unit measured on a
/// recorded run), a remaining unit is expected to take its recorded cost times this machine's speed: the ratio of the seconds
/// this run's finished units took to their recorded costs, per stage, shrunk toward the ratio over every finished unit (1
/// before any finished) by <see cref="StagePrior"/> recorded seconds, so a stage's first few units do not swing it alone. Without a cost for the unit: the mean of its stage's units
/// finished in this run; else the typical time of its stage in earlier runs (<paramref name="history"/>, e.g. the store's
/// manifests, see <see cref="Engine.StageHistory"/>); only when nothing is known, the median of all units finished in this run
/// (not their mean: a few long trainings would otherwise be extrapolated onto every fast unit). The sum is divided among the jobs.
/// </summary>
/// <param name="history">Seconds per unit by stage from earlier runs (null: none).</param>
/// <param name="costs">The shipped cost model (null: none).</param>
public sealed class EtaEstimator(int jobs, IReadOnlyDictionary<string, double>? history = null, UnitCostModel? costs = null)
{
    /// <summary>
    /// How many recorded seconds of the run-wide speed a stage's own speed starts from: (actual + StagePrior · run speed) /
    /// (recorded + StagePrior). TimeLeftTests chose it on a recorded default run replayed at other speeds.
    /// </summary>
    public const double StagePrior = 60;

    readonly Dictionary<string, (double Total, int Count)> _byStage = new(StringComparer.Ordinal);
    readonly Dictionary<string, (double Actual, double Recorded)> _speedByStage = new(StringComparer.Ordinal);
    (double Actual, double Recorded) _speed;
    readonly IReadOnlyDictionary<string, double> _history = history ?? new Dictionary<string, double>();
    readonly List<double> _all = [];
    double? _median;

    public void Finished(string stage, TimeSpan elapsed) => Finished("", stage, elapsed);

    public void Finished(string unitId, string stage, TimeSpan elapsed)
    {
        lock (_byStage)
        {
            double seconds = elapsed.TotalSeconds;
            _byStage.TryGetValue(stage, out var s);
            _byStage[stage] = (s.Total + seconds, s.Count + 1);
            _all.Add(seconds);
            _median = null;
            if (unitId.Length > 0 && costs?.CostOf(unitId, stage) is { } recorded && recorded > 0)
            {
                _speedByStage.TryGetValue(stage, out var c);
                _speedByStage[stage] = (c.Actual + seconds, c.Recorded + recorded);
                _speed = (_speed.Actual + seconds, _speed.Recorded + recorded);
            }
        }
    }

    /// <returns>Null while some remaining stage has neither a finished unit, nor a history, nor an overall mean to fall back on.</returns>
    public TimeSpan? Remaining(IEnumerable<string> remainingStages) => Remaining(remainingStages.Select(stage => ("", stage)));

    /// <summary>The time left for these (unit id, stage) pairs; null while some has no estimate.</summary>
    public TimeSpan? Remaining(IEnumerable<(string Id, string Stage)> remaining)
    {
        lock (_byStage)
        {
            double seconds = 0;
            foreach (var (id, stage) in remaining)
            {
                if (Expected(id, stage) is not { } expected) return null;
                seconds += expected;
            }
            return TimeSpan.FromSeconds(seconds / Math.Max(1, jobs));
        }
    }

    /// <summary>
    /// The distinct stages among <paramref name="remainingStages"/> whose units have neither finished in this run, nor a
    /// recorded cost, nor a history: their share of <see cref="Remaining(IEnumerable{string})"/> is a guess.
    /// </summary>
    public int Untimed(IEnumerable<string> remainingStages) => Untimed(remainingStages.Select(stage => ("", stage)));

    public int Untimed(IEnumerable<(string Id, string Stage)> remaining)
    {
        lock (_byStage)
            return remaining.Where(u => !_byStage.ContainsKey(u.Stage) && !_history.ContainsKey(u.Stage) && costs?.CostOf(u.Id.Length > 0 ? u.Id : "", u.Stage) is null)
                .Select(u => u.Stage).Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>"~5m10s left", with "(3 stages not timed yet)" where <see cref="Untimed(IEnumerable{string})"/> says part of it is a guess.</summary>
    public string Describe(IReadOnlyCollection<string> remainingStages) => Describe(remainingStages.Select(stage => ("", stage)).ToList());

    public string Describe(IReadOnlyCollection<(string Id, string Stage)> remaining)
    {
        int untimed = Untimed(remaining);
        string guess = untimed switch { 0 => "", 1 => " (1 stage not timed yet)", _ => $" ({untimed} stages not timed yet)" };
        return $"~{Format(Remaining(remaining))} left{guess}";
    }

    /// <summary>The seconds one more unit is expected to take, or null when nothing is known.</summary>
    double? Expected(string id, string stage)
    {
        double? recorded = costs is null ? null : id.Length > 0 ? costs.CostOf(id, stage) : costs.ByStage.TryGetValue(stage, out double mean) ? mean : null;
        if (recorded is { } cost) return cost * Speed(stage);
        return _byStage.TryGetValue(stage, out var s) ? s.Total / s.Count
            : _history.TryGetValue(stage, out double typical) ? typical
            : Median();
    }

    /// <summary>This machine's seconds per recorded second for a stage: its own ratio shrunk toward the run's (1 before any unit finished).</summary>
    double Speed(string stage)
    {
        double run = _speed.Recorded > 0 ? _speed.Actual / _speed.Recorded : 1;
        _speedByStage.TryGetValue(stage, out var c);
        return (c.Actual + StagePrior * run) / (c.Recorded + StagePrior);
    }

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
