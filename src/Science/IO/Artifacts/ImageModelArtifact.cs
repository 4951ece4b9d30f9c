using System.Text.Json;
using System.Text.Json.Serialization;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;

namespace Agop.Science.IO.Artifacts;

/// <summary>What a TrainImage unit records besides the weights: the schedule as run (timings go to the manifest, so data stays byte-identical).</summary>
public sealed record ImageTrainingLog(
    [property: JsonPropertyName("epochs_run")] int EpochsRun,
    [property: JsonPropertyName("epoch_kept")] int EpochKept,
    [property: JsonPropertyName("test_accuracy")] double TestAccuracy,
    [property: JsonPropertyName("test_confidence")] double TestConfidence,
    [property: JsonPropertyName("tracked_epochs")] int[] TrackedEpochs,
    [property: JsonPropertyName("epochs")] EpochRecord[] Epochs);

/// <summary>A TrainImage unit's output: the CNN, its training log, the hook's diag(M) per tracked epoch and the test probabilities.</summary>
public static class ImageModelArtifact
{
    const string LogFile = "training_log.json";
    const string ProbabilitiesFile = "probabilities_test.npy";
    const string OnlineKeptFile = "diagM_online_kept.npy";
    const string CheckpointKeptFile = "diagM_kept.npy";

    public static string TrackedFile(int epoch) => $"diagM_epoch{epoch}.npy";

    public static void Write(string folder, ImageTrainingResult result, float[] testProbabilities, ImageTrainingLog log, int[] inputShape)
    {
        CnnModelFile.Save(result.Model, folder);
        foreach (var tracked in result.Tracked) NpyFile.Write(Path.Combine(folder, TrackedFile(tracked.Epoch)), tracked.DiagM, inputShape);
        if (result.OnlineKept is { } online) NpyFile.Write(Path.Combine(folder, OnlineKeptFile), online, inputShape);
        if (result.CheckpointKept is { } kept) NpyFile.Write(Path.Combine(folder, CheckpointKeptFile), kept, inputShape);
        NpyFile.Write(Path.Combine(folder, ProbabilitiesFile), testProbabilities, testProbabilities.Length / 2, 2);
        File.WriteAllText(Path.Combine(folder, LogFile), JsonSerializer.Serialize(log, ArtifactJson.Options));
    }

    public static Cnn8by8 ReadModel(string folder) => CnnModelFile.Load(folder);

    public static ImageTrainingLog ReadLog(string folder) =>
        JsonSerializer.Deserialize<ImageTrainingLog>(File.ReadAllText(Path.Combine(folder, LogFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, LogFile)}: empty");

    public static float[] ReadTracked(string folder, int epoch) => NpyFile.Read(Path.Combine(folder, TrackedFile(epoch))).F;

    public static float[]? ReadOnlineKept(string folder) =>
        File.Exists(Path.Combine(folder, OnlineKeptFile)) ? NpyFile.Read(Path.Combine(folder, OnlineKeptFile)).F : null;

    /// <summary>The hook's exact diag(M) of the kept weights (checkpoint mode), else null.</summary>
    public static float[]? ReadCheckpointKept(string folder) =>
        File.Exists(Path.Combine(folder, CheckpointKeptFile)) ? NpyFile.Read(Path.Combine(folder, CheckpointKeptFile)).F : null;

    public static float[] ReadTestProbabilities(string folder) => NpyFile.Read(Path.Combine(folder, ProbabilitiesFile)).F;
}
