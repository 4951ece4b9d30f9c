using System.Text.Json;

namespace Agop.Science.IO.Artifacts;

/// <summary>Mean scores of one (dataset, seed, method) over its correctly classified test samples.</summary>
public sealed record MethodScores(string Dataset, int Seed, string Method, int Samples, double Spearman, double TopK, double NoiseMass);

/// <summary>One correctly classified test sample's scores.</summary>
public readonly record struct SampleScores(int Index, float Spearman, float TopK, float NoiseMass);

/// <summary>An Evaluate unit's output: <c>scores.json</c> and <c>per_sample.npy</c> (rows of index, Spearman, top-k, noise mass).</summary>
public static class ScoresArtifact
{
    const string ScoresFile = "scores.json";
    const string PerSampleFile = "per_sample.npy";

    public static void Write(string folder, MethodScores scores, IReadOnlyList<SampleScores> perSample)
    {
        var rows = perSample.SelectMany(s => new[] { s.Index, s.Spearman, s.TopK, s.NoiseMass }).ToArray();
        NpyFile.Write(Path.Combine(folder, PerSampleFile), rows, perSample.Count, 4);
        File.WriteAllText(Path.Combine(folder, ScoresFile), JsonSerializer.Serialize(scores));
    }

    public static MethodScores ReadScores(string folder) =>
        JsonSerializer.Deserialize<MethodScores>(File.ReadAllText(Path.Combine(folder, ScoresFile)))
        ?? throw new InvalidDataException($"{Path.Combine(folder, ScoresFile)}: empty");

    public static IReadOnlyList<SampleScores> ReadPerSample(string folder)
    {
        var rows = NpyFile.Read(Path.Combine(folder, PerSampleFile)).F;
        var result = new List<SampleScores>(rows.Length / 4);
        for (int r = 0; r + 3 < rows.Length; r += 4) result.Add(new SampleScores((int)rows[r], rows[r + 1], rows[r + 2], rows[r + 3]));
        return result;
    }
}
