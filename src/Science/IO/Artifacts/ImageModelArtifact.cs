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

/// <summary>
/// A TrainImage unit's output: the CNN, its training log, the test probabilities, <c>checkpoints.npy</c> (the weights of each
/// tracked epoch, one row per entry of <c>tracked_epochs</c>) and, online hook only, the accumulated diag(M) per tracked epoch.
/// </summary>
public static class ImageModelArtifact
{
    const string LogFile = "training_log.json";
    const string ProbabilitiesFile = "probabilities_test.npy";
    const string CheckpointsFile = "checkpoints.npy";
    const string OnlineKeptFile = "diagM_online_kept.npy";

    static string OnlineFile(int epoch) => $"diagM_online_epoch{epoch}.npy";

    public static void Write(string folder, ImageTrainingResult result, float[] testProbabilities, ImageTrainingLog log, int[] inputShape)
    {
        if (!result.Checkpoints.Select(c => c.Epoch).SequenceEqual(log.TrackedEpochs))
            throw new ArgumentException("the log's tracked epochs differ from the checkpoints'", nameof(log));
        CnnModelFile.Save(result.Model, folder);
        int parameters = result.Checkpoints.Count == 0 ? 0 : result.Checkpoints[0].Weights.Length;
        NpyFile.Write(Path.Combine(folder, CheckpointsFile), result.Checkpoints.SelectMany(c => c.Weights).ToArray(), result.Checkpoints.Count, parameters);
        foreach (var tracked in result.Online) NpyFile.Write(Path.Combine(folder, OnlineFile(tracked.Epoch)), tracked.DiagM, inputShape);
        if (result.OnlineKept is { } online) NpyFile.Write(Path.Combine(folder, OnlineKeptFile), online, inputShape);
        NpyFile.Write(Path.Combine(folder, ProbabilitiesFile), testProbabilities, testProbabilities.Length / 2, 2);
        File.WriteAllText(Path.Combine(folder, LogFile), JsonSerializer.Serialize(log, ArtifactJson.Options));
    }

    public static Cnn8by8 ReadModel(string folder) => CnnModelFile.Load(folder);

    public static ImageTrainingLog ReadLog(string folder) =>
        JsonSerializer.Deserialize<ImageTrainingLog>(File.ReadAllText(Path.Combine(folder, LogFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, LogFile)}: empty");

    /// <summary>The tracked epochs' weights, in the log's order.</summary>
    public static IReadOnlyList<TrackedWeights> ReadCheckpoints(string folder)
    {
        var epochs = ReadLog(folder).TrackedEpochs;
        var array = NpyFile.Read(Path.Combine(folder, CheckpointsFile));
        if (array.Shape[0] != epochs.Length)
            throw new InvalidDataException($"{Path.Combine(folder, CheckpointsFile)}: {array.Shape[0]} checkpoints for {epochs.Length} tracked epochs");
        int width = epochs.Length == 0 ? 0 : array.Shape[1];
        return epochs.Select((epoch, k) => new TrackedWeights(epoch, array.F.AsSpan(k * width, width).ToArray())).ToList();
    }

    /// <summary>The online hook's accumulated diag(M) of each tracked epoch; empty when training ran the checkpoint hook.</summary>
    public static IReadOnlyList<TrackedDiagonal> ReadOnlineTracked(string folder) =>
        ReadLog(folder).TrackedEpochs.Where(e => File.Exists(Path.Combine(folder, OnlineFile(e))))
            .Select(e => new TrackedDiagonal(e, NpyFile.Read(Path.Combine(folder, OnlineFile(e))).F)).ToList();

    public static float[]? ReadOnlineKept(string folder) =>
        File.Exists(Path.Combine(folder, OnlineKeptFile)) ? NpyFile.Read(Path.Combine(folder, OnlineKeptFile)).F : null;

    public static float[] ReadTestProbabilities(string folder) => NpyFile.Read(Path.Combine(folder, ProbabilitiesFile)).F;
}
