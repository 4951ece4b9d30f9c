using System.Text.Json;
using Agop.Science.Data;
using Agop.Science.Data.Synthetic;

namespace Agop.Science.IO.Artifacts;

/// <summary>A Generate unit's output: the split, per-sample ground truth, informative indices and <c>dataset.json</c>.</summary>
public static class SyntheticDatasetArtifact
{
    public static void Write(string folder, SyntheticBenchmark benchmark, SyntheticSpec spec, int seed)
    {
        benchmark.Save(folder);
        File.WriteAllText(Path.Combine(folder, "dataset.json"), JsonSerializer.Serialize(new
        {
            dataset = spec.Kind, seed, classes = spec.Classes, features = spec.Features,
            train = benchmark.Data.TrainCount, test = benchmark.Data.TestCount, informative = benchmark.Informative,
        }));
    }

    /// <summary>The whole benchmark, ground truth included (for scoring).</summary>
    public static SyntheticBenchmark Read(string folder, int classes) => SyntheticBenchmark.Load(name => Path.Combine(folder, name), classes);

    /// <summary>The split alone (for training and attributing): the ground truth is not read.</summary>
    public static TabularData ReadSplit(string folder, int classes) => TabularData.Load(name => Path.Combine(folder, name), classes);

    public static long[] ReadTestLabels(string folder) => NpyFile.Read(Path.Combine(folder, "y_test.npy")).L;
}
