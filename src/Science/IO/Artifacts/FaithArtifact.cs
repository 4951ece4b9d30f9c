using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Science.IO.Artifacts;

/// <summary>Mean Part 4 scores of one (model, method) over its scored samples.</summary>
public sealed record FaithMeans(
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("insertion")] double Insertion,
    [property: JsonPropertyName("deletion")] double Deletion,
    [property: JsonPropertyName("pixel_flipping")] double PixelFlipping,
    [property: JsonPropertyName("activation_deviation")] double ActivationDeviation,
    [property: JsonPropertyName("activation_preservation")] double ActivationPreservation,
    [property: JsonPropertyName("spurious_rate")] double SpuriousRate);

/// <summary>
/// A Faithfulness unit's output: <c>faith.json</c> (means), <c>per_sample.npy</c> (test index, insertion AUC, deletion AUC, PixelFlipping,
/// AD, AP, spurious rate) and <c>curves.npy</c> (2 × (n + 1): the mean insertion and deletion curves).
/// </summary>
public static class FaithArtifact
{
    public const int Columns = 7;
    const string MeansFile = "faith.json";
    const string PerSampleFile = "per_sample.npy";
    const string CurvesFile = "curves.npy";

    public static void Write(string folder, FaithMeans means, float[] perSample, double[] insertionCurve, double[] deletionCurve)
    {
        File.WriteAllText(Path.Combine(folder, MeansFile), JsonSerializer.Serialize(means, ArtifactJson.Options));
        NpyFile.Write(Path.Combine(folder, PerSampleFile), perSample, perSample.Length / Columns, Columns);
        NpyFile.Write(Path.Combine(folder, CurvesFile), insertionCurve.Concat(deletionCurve).Select(v => (float)v).ToArray(), 2, insertionCurve.Length);
    }

    public static FaithMeans ReadMeans(string folder) =>
        JsonSerializer.Deserialize<FaithMeans>(File.ReadAllText(Path.Combine(folder, MeansFile)), ArtifactJson.Options)
        ?? throw new InvalidDataException($"{Path.Combine(folder, MeansFile)}: empty");

    public static float[] ReadPerSample(string folder) => NpyFile.Read(Path.Combine(folder, PerSampleFile)).F;

    public static (double[] Insertion, double[] Deletion) ReadCurves(string folder)
    {
        var curves = NpyFile.Read(Path.Combine(folder, CurvesFile));
        int n = curves.Shape[1];
        return (curves.F[..n].Select(v => (double)v).ToArray(), curves.F[n..].Select(v => (double)v).ToArray());
    }
}
