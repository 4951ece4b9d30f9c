using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

[Trait("Category", "Slow")]
public class IncrementalRunTests
{
    static HashSet<string> StaleUnits(string dryRunOutput) => dryRunOutput.Split('\n')
        .Where(l => l.StartsWith("run ", StringComparison.Ordinal))
        .Select(l => l[5..].Trim().Split(' ')[0])
        .ToHashSet();

    [Fact]
    public void Second_run_of_an_unchanged_config_reruns_nothing()
    {
        using var tiny = new TinyExperiment();
        var first = tiny.Run();
        Assert.Equal(0, first.Exit);
        Assert.Matches(@"^ran \d+, reused 0, failed 0$", TinyExperiment.LastLine(first.Output));
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report.pdf")));

        var second = tiny.Run();
        Assert.Equal(0, second.Exit);
        Assert.Matches(@"^ran 0, reused \d+, failed 0$", TinyExperiment.LastLine(second.Output));
        Assert.Matches(@"^0 to run, \d+ up to date$", TinyExperiment.LastLine(tiny.Run("--dry-run").Output));
    }

    [Fact]
    public void Changing_one_key_reruns_exactly_the_units_that_read_it_and_their_dependents()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);

        var igOnly = tiny.Run("--set", "methods.ig.steps=6", "--dry-run");
        Assert.Equal(["attribute/linear/seed3/ig", "evaluate/linear/seed3/ig", "report"], StaleUnits(igOnly.Output).Order());

        var epochs = tiny.Run("--set", "train.epochs=3", "--dry-run");
        var stale = StaleUnits(epochs.Output);
        Assert.Contains("train/linear/seed3", stale);
        Assert.DoesNotContain("generate/linear/seed3", stale);
        Assert.All(stale.Where(u => u != "report"), u => Assert.Matches("^(train|fitagop|attribute|evaluate)/", u));
        Assert.Equal(1 + 1 + 5 + 5 + 1, stale.Count);
        Assert.Contains("train/linear/seed3", epochs.Output);
        Assert.All(epochs.Output.Split('\n').Where(l => l.StartsWith("run ", StringComparison.Ordinal)),
            line => Assert.Contains("config changed", line));

        var run = tiny.Run("--set", "methods.ig.steps=6");
        Assert.Equal(0, run.Exit);
        Assert.Matches(@"^ran 3, reused \d+, failed 0$", TinyExperiment.LastLine(run.Output));
    }

    [Fact]
    public void Same_config_twice_gives_identical_artifact_hashes()
    {
        using var a = new TinyExperiment();
        using var b = new TinyExperiment();
        Assert.Equal(0, a.Run("--target", "Evaluate").Exit);
        Assert.Equal(0, b.Run("--target", "Evaluate").Exit);
        var hashes = (TinyExperiment t) => Directory.GetFiles(Path.Combine(t.Artifacts, "store"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "manifest.json")
            .ToDictionary(f => Path.GetRelativePath(t.Artifacts, f), Agop.Pipeline.Engine.ArtifactStore.HashFile);
        Assert.Equal(hashes(a).OrderBy(kv => kv.Key), hashes(b).OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Force_reruns_one_target_and_reuses_the_rest()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);
        var forced = tiny.Run("--force", "Train", "--dry-run");
        Assert.Equal(["train/linear/seed3"], StaleUnits(forced.Output));
        Assert.Contains("forced", forced.Output);
    }
}
