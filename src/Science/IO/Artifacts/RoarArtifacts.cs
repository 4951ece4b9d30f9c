using System.Text.Json;

namespace Agop.Science.IO.Artifacts;

/// <summary>Test accuracy of a ROAR (re)training with the features it replaced by their training mean.</summary>
public sealed record RoarAccuracy(double Fraction, int Removed, double TestAccuracy, IReadOnlyList<string> RemovedFeatures);

/// <summary>ROAR outputs: <c>accuracy.json</c> per (re)training; <c>importance.npy</c> and <c>ranking.json</c> per global ranking.</summary>
public static class RoarArtifacts
{
    const string AccuracyFile = "accuracy.json";
    const string ImportanceFile = "importance.npy";
    const string RankingFile = "ranking.json";

    public static void WriteAccuracy(string folder, RoarAccuracy accuracy) =>
        File.WriteAllText(Path.Combine(folder, AccuracyFile), JsonSerializer.Serialize(accuracy));

    public static RoarAccuracy ReadAccuracy(string folder) =>
        JsonSerializer.Deserialize<RoarAccuracy>(File.ReadAllText(Path.Combine(folder, AccuracyFile)))
        ?? throw new InvalidDataException($"{Path.Combine(folder, AccuracyFile)}: empty");

    public static void WriteRanking(string folder, string method, int explained, float[] importance, IReadOnlyList<string> featureNames)
    {
        NpyFile.Write(Path.Combine(folder, ImportanceFile), importance, importance.Length);
        var order = Enumerable.Range(0, importance.Length).OrderByDescending(j => importance[j]).ThenBy(j => j);
        File.WriteAllText(Path.Combine(folder, RankingFile), JsonSerializer.Serialize(new
        {
            method, explained, ranking = order.Select(j => new { feature = featureNames[j], importance = importance[j] }),
        }));
    }

    public static float[] ReadImportance(string folder) => NpyFile.Read(Path.Combine(folder, ImportanceFile)).F;
}
