using System.Diagnostics;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

[Trait("Category", "Slow")]
public class ArtifactIntegrityTests
{
    [Fact]
    public void A_corrupted_artifact_is_detected_and_rebuilt()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run("--target", "Train").Exit);
        var weights = Directory.GetFiles(Path.Combine(tiny.Artifacts, "store", "train"), "model.safetensors", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var dry = tiny.Run("--target", "Train", "--dry-run");
        Assert.Contains("artifact corrupt: model.safetensors hash mismatch", dry.Output);

        var rerun = tiny.Run("--target", "Train");
        Assert.Equal("ran 1, reused 1, failed 0", TinyExperiment.LastLine(rerun.Output));
        Assert.NotEqual(bytes, File.ReadAllBytes(weights));
    }

    /// <summary>Rewrites the train unit's manifest with only the file entries <paramref name="keep"/> accepts.</summary>
    static void KeepManifestFiles(TinyExperiment tiny, Func<string, bool> keep)
    {
        var folder = Directory.GetDirectories(Path.Combine(tiny.Artifacts, "store", "train")).Single();
        string path = Path.Combine(folder, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var files = manifest["files"]!.AsArray();
        foreach (var entry in files.ToList().Where(e => !keep(e!["name"]!.GetValue<string>()))) files.Remove(entry);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    [Fact]
    public void A_manifest_that_lists_no_files_is_corrupt_named_in_the_dry_run_and_rebuilt()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run("--target", "Train").Exit);
        KeepManifestFiles(tiny, _ => false); // the data files stay in the folder

        var dry = tiny.Run("--target", "Train", "--dry-run");
        Assert.Contains("run   train/linear/seed3", dry.Output);
        Assert.Contains("manifest lists no files", dry.Output);
        var rerun = tiny.Run("--target", "Train");
        Assert.Equal("ran 1, reused 1, failed 0", TinyExperiment.LastLine(rerun.Output));
    }

    [Fact]
    public void A_unit_cannot_read_a_file_its_inputs_manifest_does_not_list()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run("--target", "FitAgop").Exit);
        KeepManifestFiles(tiny, name => name != "model.safetensors"); // the weights stay in the folder, unlisted

        var forced = tiny.Run("--target", "FitAgop", "--force", "FitAgop");
        Assert.Equal(1, forced.Exit);
        Assert.Contains("failed: fitagop/linear/seed3", forced.Errors);
        Assert.Contains("model.safetensors", forced.Errors);
        Assert.Empty(Directory.GetDirectories(Path.Combine(tiny.Artifacts, "tmp")));
    }

    [Fact]
    public void A_truncated_file_or_missing_manifest_is_never_trusted()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run("--target", "Generate").Exit);
        var folder = Directory.GetDirectories(Path.Combine(tiny.Artifacts, "store", "generate")).Single();
        var file = Path.Combine(folder, "x_train.npy");
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..100]);
        Assert.Contains("artifact corrupt", tiny.Run("--target", "Generate", "--dry-run").Output);

        File.Delete(Path.Combine(folder, "manifest.json"));
        Assert.Contains("manifest missing", tiny.Run("--target", "Generate", "--dry-run").Output);
        Assert.Equal("ran 1, reused 0, failed 0", TinyExperiment.LastLine(tiny.Run("--target", "Generate").Output));
    }

    [Fact]
    public async Task A_process_killed_while_writing_leaves_nothing_trusted_and_the_rerun_completes()
    {
        using var tiny = new TinyExperiment();
        // a long training, so the kill lands while the unit is at work in its temp folder
        using var run = new LongTrainingRun(tiny);
        await run.TrainingStarted();
        await run.Kill();

        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store", "train")) &&
                     Directory.GetDirectories(Path.Combine(tiny.Artifacts, "store", "train")).Length > 0);
        var dry = tiny.Run("--target", "Train", "--dry-run", "--set", LongTrainingRun.Epochs);
        Assert.Contains("run   train/linear/seed3", dry.Output);

        var rerun = tiny.Run("--target", "Train", "--set", LongTrainingRun.Epochs);
        Assert.Equal("ran 1, reused 1, failed 0", TinyExperiment.LastLine(rerun.Output));
        Assert.Empty(Directory.GetDirectories(Path.Combine(tiny.Artifacts, "tmp")));
    }
}
