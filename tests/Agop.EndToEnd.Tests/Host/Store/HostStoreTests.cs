using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Store;

/// <summary>The store's promises as the host keeps them: a damaged manifest and a lock left by a killed run.</summary>
[Trait("Category", "Slow")]
public class HostStoreTests
{
    [Fact]
    public void A_manifest_holding_only_its_key_crashes_neither_the_dry_run_nor_force()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run("--target", "Generate").Exit);
        var folder = Directory.GetDirectories(Path.Combine(tiny.Artifacts, "store", "generate")).Single();
        File.WriteAllText(Path.Combine(folder, Manifest.FileName), $$"""{"key":"{{Path.GetFileName(folder)}}"}""");

        var dry = tiny.Run("--target", "Generate", "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Contains("artifact corrupt", dry.Output);
        var forcedDry = tiny.Run("--target", "Generate", "--dry-run", "--force");
        Assert.Equal(0, forcedDry.Exit);
        Assert.Contains("forced", forcedDry.Output);

        var forced = tiny.Run("--target", "Generate", "--force");
        Assert.True(forced.Exit == 0, forced.Errors);
        Assert.Equal("ran 1, reused 0, failed 0", TinyExperiment.LastLine(forced.Output));
        Assert.Equal("0 to run, 1 up to date", TinyExperiment.LastLine(tiny.Run("--target", "Generate", "--dry-run").Output));
    }

    [Fact]
    public async Task A_unit_lock_held_by_a_killed_process_is_released_and_the_waiting_run_builds_the_unit()
    {
        using var tiny = new TinyExperiment();
        using var holder = new LongTrainingRun(tiny);
        // the long training holds the unit's lock while it is at work; stopped there, it holds it until killed
        await holder.TrainingStarted();
        holder.Pause();
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store", "train")), "the training finished before it could be paused");
        var said = new LineSignal("waiting for another run building it");
        var waiting = Task.Run(() => tiny.Run(said, "--target", "Train", "--set", LongTrainingRun.Epochs, "--verbosity", "normal"));
        await Task.WhenAny(said.Seen, waiting).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(said.Seen.IsCompleted, "the second run should wait for the first's lock:\n" + said);
        Assert.False(waiting.IsCompleted, "the second run waits while the first holds the unit's lock");

        await holder.Kill();
        var result = await waiting.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(result.Exit == 0, result.Errors);
        Assert.Equal("ran 1, reused 1, failed 0", TinyExperiment.LastLine(result.Output));
    }
}
