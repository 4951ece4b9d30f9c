namespace Agop.Report;

/// <summary>The provenance appendix's view of the units: counts, unit-seconds, the slowest unit and the peak memory per stage.</summary>
public static class UnitStages
{
    public const int SlowestShown = 15;

    public sealed record StageSummary(string Stage, int Units, double Seconds, UnitRecord Slowest, double? PeakRssMb);

    public static readonly string[] CsvColumns = ["unit", "key", "built_utc", "seconds", "peak_rss_mb", "process_peak", "built_by"];

    public static IReadOnlyList<StageSummary> Summarise(IReadOnlyList<UnitRecord> units) =>
        units.GroupBy(u => u.Stage.Length > 0 ? u.Stage : "?").Select(g => new StageSummary(g.Key, g.Count(), g.Sum(u => u.Seconds), g.MaxBy(u => u.Seconds)!,
            g.Any(u => u.PeakRssMb is not null) ? g.Max(u => u.PeakRssMb ?? 0) : null)).OrderBy(s => s.Stage, StringComparer.Ordinal).ToList();

    /// <summary>Every unit, as <c>work-units.csv</c> holds them.</summary>
    public static ResultTable Csv(IReadOnlyList<UnitRecord> units) => new(CsvColumns,
        units.Select(u => (IReadOnlyList<object>)[u.Id, u.Key, u.BuiltUtc.ToString("yyyy-MM-dd HH:mm:ss"), u.Seconds,
            u.PeakRssMb is { } mb ? mb : double.NaN, u.ProcessPeak ? "true" : "false", u.BuiltBy]).ToList());
}
