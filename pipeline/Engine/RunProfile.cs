using System.Globalization;
using System.Text;

namespace Agop.Pipeline.Engine;

/// <summary>One stage's share of a run: the units it built, their seconds and the largest peak memory among them.</summary>
/// <param name="MaxPeakRssMb">The largest of the units' peak resident memory in MiB (each unit's own, else its process's
/// peak, see <see cref="PeakMemory"/>); null where none was recorded.</param>
public sealed record StageProfile(string Stage, int Units, double TotalSeconds, string LongestUnit, double LongestSeconds, double? MaxPeakRssMb)
{
    public double MeanSeconds => TotalSeconds / Units;
}

/// <summary>
/// The --profile summary: per stage, the units this run built (outcome Ran), the sum and mean of their seconds, the
/// longest unit and the largest peak RSS, the stages with the most seconds first. Seconds and peaks are those the units'
/// manifests record (as the report's work-units table shows them); a unit without a readable manifest counts with its
/// elapsed time and no peak.
/// </summary>
public static class RunProfile
{
    public const string FileName = "profile.csv";

    public static IReadOnlyList<StageProfile> Of(RunSummary summary, ArtifactStore store) =>
        Of(summary, unit => Manifest.TryRead(Path.Combine(store.UnitDirectory(unit), Manifest.FileName)));

    /// <param name="manifest">The manifest a unit committed (null: none readable).</param>
    public static IReadOnlyList<StageProfile> Of(RunSummary summary, Func<WorkUnit, Manifest?> manifest) =>
        summary.Results.Where(r => r.Outcome == UnitOutcome.Ran)
            .Select(r => (r.Unit, Manifest: manifest(r.Unit), r.Elapsed))
            .Select(u => (u.Unit, Seconds: u.Manifest?.Seconds ?? u.Elapsed.TotalSeconds,
                Peak: u.Manifest is { } m ? PeakMemory.UnitOrProcessPeak(m.Measurements) : null))
            .GroupBy(u => u.Unit.Stage, StringComparer.Ordinal)
            .Select(stage =>
            {
                var longest = stage.MaxBy(u => u.Seconds);
                var peaks = stage.Where(u => u.Peak is not null).Select(u => u.Peak!.Value).ToList();
                return new StageProfile(stage.Key, stage.Count(), stage.Sum(u => u.Seconds), longest.Unit.Id, longest.Seconds,
                    peaks.Count > 0 ? peaks.Max() : null);
            })
            .OrderByDescending(s => s.TotalSeconds).ThenBy(s => s.Stage, StringComparer.Ordinal)
            .ToList();

    /// <summary>The summary as an aligned text table, one line per stage under a header.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<StageProfile> stages)
    {
        int stageWidth = Math.Max("stage".Length, stages.Select(s => s.Stage.Length).DefaultIfEmpty(0).Max());
        int unitWidth = Math.Max("longest unit".Length, stages.Select(s => s.LongestUnit.Length).DefaultIfEmpty(0).Max());
        var lines = new List<string>
        {
            $"{"stage".PadRight(stageWidth)}  {"units",5}  {"total s",9}  {"mean s",8}  {"longest unit".PadRight(unitWidth)}  {"s",8}  {"peak RSS MiB",12}",
        };
        lines.AddRange(stages.Select(s =>
            $"{s.Stage.PadRight(stageWidth)}  {s.Units,5}  {Number(s.TotalSeconds),9}  {Number(s.MeanSeconds),8}  {s.LongestUnit.PadRight(unitWidth)}  " +
            $"{Number(s.LongestSeconds),8}  {(s.MaxPeakRssMb is { } mb ? mb.ToString("0.0", CultureInfo.InvariantCulture) : "n/a"),12}"));
        return lines;
    }

    /// <summary>Writes the summary as CSV: stage, units, total_s, mean_s, longest_unit, longest_s, max_peak_rss_mb (empty: none).</summary>
    public static void WriteCsv(string path, IReadOnlyList<StageProfile> stages)
    {
        var csv = new StringBuilder("stage,units,total_s,mean_s,longest_unit,longest_s,max_peak_rss_mb\n");
        foreach (var s in stages)
            csv.Append(CultureInfo.InvariantCulture,
                $"{Quote(s.Stage)},{s.Units},{Number(s.TotalSeconds)},{Number(s.MeanSeconds)},{Quote(s.LongestUnit)},{Number(s.LongestSeconds)}," +
                $"{(s.MaxPeakRssMb is { } mb ? mb.ToString("0.0", CultureInfo.InvariantCulture) : "")}\n");
        File.WriteAllText(path, csv.ToString());
    }

    static string Number(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    static string Quote(string text) => text.IndexOfAny([',', '"', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";
}
