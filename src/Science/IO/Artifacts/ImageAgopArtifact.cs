using System.Text.Json;
using System.Text.Json.Serialization;

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

/// <summary>A FitAgopImage unit's output: <c>diagM.npy</c> of the kept weights and <c>agop_trace.json</c>.</summary>
public static class ImageAgopArtifact
{
    public const string DiagonalFile = "diagM.npy";
    const string TraceFile = "agop_trace.json";

    public static void Write(string folder, float[] diagonal, int[] inputShape, AgopTraceFile trace)
    {
        NpyFile.Write(Path.Combine(folder, DiagonalFile), diagonal, inputShape);
        File.WriteAllText(Path.Combine(folder, TraceFile), JsonSerializer.Serialize(trace, ArtifactJson.Options));
    }

    public static float[] ReadDiagonal(string folder) => NpyFile.Read(Path.Combine(folder, DiagonalFile)).F;

    public static AgopTraceFile ReadTrace(string folder) =>
        JsonSerializer.Deserialize<AgopTraceFile>(File.ReadAllText(Path.Combine(folder, TraceFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, TraceFile)}: empty");
}
