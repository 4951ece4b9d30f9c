using System.Text.Json;
using System.Text.Json.Serialization;
using Agop.Science.Images.Training;

namespace Agop.Science.IO.Artifacts;

/// <summary>diag(M) quality at one tracked epoch (H7): Pearson with the ground-truth frequency, IoU of its top-8 with G_comb.</summary>
public sealed record AgopQuality(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("pearson")] double Pearson,
    [property: JsonPropertyName("iou8")] double IoU8,
    [property: JsonPropertyName("val_accuracy")] double ValidationAccuracy);

public sealed record AgopTraceFile(
    [property: JsonPropertyName("hook")] string Hook,
    [property: JsonPropertyName("online_correlation")] double? OnlineCorrelation,
    [property: JsonPropertyName("epochs")] AgopQuality[] Epochs);

/// <summary>
/// A FitAgopImage unit's output: <c>diagM.npy</c>, diag(M) of the kept weights. A TraceAgopImage unit's: <c>diagM_epoch{e}.npy</c>
/// of each tracked epoch (from its checkpoint, or the online hook's accumulation) and <c>agop_trace.json</c>.
/// </summary>
public static class ImageAgopArtifact
{
    public const string DiagonalFile = "diagM.npy";
    const string TraceFile = "agop_trace.json";

    public static string TrackedFile(int epoch) => $"diagM_epoch{epoch}.npy";

    public static void WriteDiagonal(string folder, float[] diagonal, int[] inputShape) =>
        NpyFile.Write(Path.Combine(folder, DiagonalFile), diagonal, inputShape);

    public static void WriteTrace(string folder, IEnumerable<TrackedDiagonal> tracked, int[] inputShape, AgopTraceFile trace)
    {
        foreach (var epoch in tracked) NpyFile.Write(Path.Combine(folder, TrackedFile(epoch.Epoch)), epoch.DiagM, inputShape);
        File.WriteAllText(Path.Combine(folder, TraceFile), JsonSerializer.Serialize(trace, ArtifactJson.Options));
    }

    public static float[] ReadDiagonal(string folder) => NpyFile.Read(Path.Combine(folder, DiagonalFile)).F;

    public static float[] ReadTracked(string folder, int epoch) => NpyFile.Read(Path.Combine(folder, TrackedFile(epoch))).F;

    public static AgopTraceFile ReadTrace(string folder) =>
        JsonSerializer.Deserialize<AgopTraceFile>(File.ReadAllText(Path.Combine(folder, TraceFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, TraceFile)}: empty");
}
