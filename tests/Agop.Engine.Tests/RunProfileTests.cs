using Agop.Pipeline.Engine;
using Agop.Tests.Engine.Store;

namespace Agop.Tests.Engine;

/// <summary>The --profile summary: per stage, the units built, their seconds summed, the mean, the longest unit and the largest peak.</summary>
public class RunProfileTests
{
    static WorkUnit Unit(string id, string stage, Action<UnitContext>? execute = null, IReadOnlyList<WorkUnit>? inputs = null) =>
        new(id, stage, "code-v1", id, new Dictionary<string, string> { ["id"] = id }, (inputs ?? []).Select(i => new UnitInput("in", i)).ToList(),
            execute ?? (context => File.WriteAllText(context.Output("out.txt"), id)));

    static Manifest ManifestOf(WorkUnit unit, double seconds, double? peak, string peakName = PeakMemory.UnitPeak) =>
        new(unit.Id, unit.Stage, unit.Key, "code", "settings", new Dictionary<string, string>(), new Dictionary<string, string>(),
            [new ManifestFile("out.txt", 1, new string('0', 64))], DateTimeOffset.UtcNow, seconds,
            peak is { } mb ? new Dictionary<string, double> { [peakName] = mb } : new Dictionary<string, double>(), new Dictionary<string, string>());

    [Fact]
    public void Stages_sum_their_built_units_and_name_the_longest_and_the_largest_peak()
    {
        var a1 = Unit("a1", "A");
        var a2 = Unit("a2", "A");
        var a3 = Unit("a3", "A");
        var b1 = Unit("b1", "B");
        var reused = Unit("a4", "A");
        var failed = Unit("b2", "B");
        var manifests = new Dictionary<WorkUnit, Manifest?>
        {
            [a1] = ManifestOf(a1, 1.0, 100), [a2] = ManifestOf(a2, 4.0, 300, PeakMemory.ProcessPeak), [a3] = ManifestOf(a3, 2.5, null),
            [b1] = null, [reused] = ManifestOf(reused, 99, 999),
        };
        var summary = new RunSummary(
        [
            new UnitResult(a1, UnitOutcome.Ran, "", TimeSpan.FromSeconds(50), null),
            new UnitResult(a2, UnitOutcome.Ran, "", TimeSpan.FromSeconds(50), null),
            new UnitResult(a3, UnitOutcome.Ran, "", TimeSpan.FromSeconds(50), null),
            new UnitResult(b1, UnitOutcome.Ran, "", TimeSpan.FromSeconds(7), null),
            new UnitResult(reused, UnitOutcome.Reused, "", TimeSpan.Zero, null),
            new UnitResult(failed, UnitOutcome.Failed, "", TimeSpan.FromSeconds(1000), "boom"),
        ], TimeSpan.FromSeconds(60));

        var profile = RunProfile.Of(summary, unit => manifests.GetValueOrDefault(unit));

        Assert.Equal(["A", "B"], profile.Select(s => s.Stage)); // most seconds first: 7.5 s, 7 s
        var a = profile.Single(s => s.Stage == "A");
        Assert.Equal((3, 7.5, 2.5, "a2", 4.0, (double?)300), (a.Units, a.TotalSeconds, a.MeanSeconds, a.LongestUnit, a.LongestSeconds, a.MaxPeakRssMb));
        var b = profile.Single(s => s.Stage == "B"); // no manifest: its elapsed time, no peak
        Assert.Equal((1, 7.0, "b1", (double?)null), (b.Units, b.TotalSeconds, b.LongestUnit, b.MaxPeakRssMb));
    }

    [Fact]
    public void A_small_run_sums_what_its_manifests_record_and_writes_the_csv()
    {
        using var test = new TestStore();
        var first = Unit("first", "Slow", c => { Thread.SpinWait(200_000); File.WriteAllText(c.Output("out.txt"), "1"); });
        var second = Unit("second", "Slow", inputs: [first]);
        var third = Unit("third", "Fast", inputs: [second]);
        var fourth = Unit("fourth", "Fast", inputs: [second]);
        var summary = test.Run(first, second, third, fourth);
        Assert.Equal("ran 4, reused 0, failed 0", summary.LastLine);

        var store = test.Open();
        var profile = RunProfile.Of(summary, store);
        var recorded = new[] { first, second, third, fourth }
            .Select(u => Manifest.TryRead(Path.Combine(store.UnitDirectory(u), Manifest.FileName))!)
            .ToLookup(m => m.Stage);
        Assert.Equal(2, profile.Count);
        foreach (var stage in profile)
        {
            var manifests = recorded[stage.Stage].ToList();
            Assert.Equal(2, stage.Units);
            Assert.Equal(manifests.Sum(m => m.Seconds), stage.TotalSeconds, 9);
            Assert.Equal(stage.TotalSeconds / 2, stage.MeanSeconds, 9);
            Assert.Equal(manifests.Max(m => m.Seconds), stage.LongestSeconds);
            Assert.Equal(manifests.MaxBy(m => m.Seconds)!.UnitId, stage.LongestUnit);
            var peaks = manifests.Select(m => PeakMemory.UnitOrProcessPeak(m.Measurements)).ToList();
            Assert.Equal(peaks.Max(), stage.MaxPeakRssMb);
            if (OperatingSystem.IsLinux()) Assert.NotNull(stage.MaxPeakRssMb);
        }

        string csv = Path.Combine(test.Root, RunProfile.FileName);
        RunProfile.WriteCsv(csv, profile);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("stage,units,total_s,mean_s,longest_unit,longest_s,max_peak_rss_mb", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Equal(7, line.Split(',').Length));
        var text = RunProfile.Lines(profile);
        Assert.Equal(3, text.Count);
        Assert.Contains("longest unit", text[0]);
    }
}
