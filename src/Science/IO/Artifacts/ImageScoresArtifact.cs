using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Science.IO.Artifacts;

/// <summary>Mean localisation scores of one (dataset, seed, method) over its correctly classified test images.</summary>
public sealed record ImageMethodScores(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("miou")] double MIoU,
    [property: JsonPropertyName("miou_own")] double MIoUOwn,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("emd")] double Emd,
    [property: JsonPropertyName("emd98")] double Emd98,
    [property: JsonPropertyName("relevance_mass")] double RelevanceMass,
    [property: JsonPropertyName("rank_accuracy")] double RankAccuracy,
    [property: JsonPropertyName("test_images")] int TestImages);

/// <summary>An EvaluateImage unit's output: <c>scores.json</c> and <c>per_sample.npy</c> (index, IoU, IoU_own, precision, EMD, EMD√98, mass, rank).</summary>
public static class ImageScoresArtifact
{
    public const int Columns = 8;
    const string ScoresFile = "scores.json";
    const string PerSampleFile = "per_sample.npy";

    public static void Write(string folder, ImageMethodScores scores, float[] perSample)
    {
        NpyFile.Write(Path.Combine(folder, PerSampleFile), perSample, perSample.Length / Columns, Columns);
        File.WriteAllText(Path.Combine(folder, ScoresFile), JsonSerializer.Serialize(scores, ArtifactJson.Options));
    }

    public static ImageMethodScores Read(string folder) =>
        JsonSerializer.Deserialize<ImageMethodScores>(File.ReadAllText(Path.Combine(folder, ScoresFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, ScoresFile)}: empty");

    public static float[] ReadPerSample(string folder) => NpyFile.Read(Path.Combine(folder, PerSampleFile)).F;
}
