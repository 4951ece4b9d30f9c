namespace Agop.Pipeline.Display;

/// <summary>Estimates time left from the mean duration of finished units, per stage where known.</summary>
public sealed class EtaEstimator(int jobs)
{
    readonly Dictionary<string, (double Total, int Count)> _byStage = new(StringComparer.Ordinal);
    double _total;
    int _count;

    public void Finished(string stage, TimeSpan elapsed)
    {
        lock (_byStage)
        {
            _byStage.TryGetValue(stage, out var s);
            _byStage[stage] = (s.Total + elapsed.TotalSeconds, s.Count + 1);
            _total += elapsed.TotalSeconds;
            _count++;
        }
    }

    /// <returns>Null until at least one unit has finished.</returns>
    public TimeSpan? Remaining(IEnumerable<string> remainingStages)
    {
        lock (_byStage)
        {
            if (_count == 0) return null;
            double overall = _total / _count;
            double seconds = remainingStages.Sum(stage => _byStage.TryGetValue(stage, out var s) ? s.Total / s.Count : overall);
            return TimeSpan.FromSeconds(seconds / Math.Max(1, jobs));
        }
    }

    public static string Format(TimeSpan? span) => span is not { } s ? "?"
        : s.TotalHours >= 1 ? $"{(int)s.TotalHours}h{s.Minutes:00}m"
        : s.TotalMinutes >= 1 ? $"{(int)s.TotalMinutes}m{s.Seconds:00}s"
        : $"{s.TotalSeconds:0}s";
}
