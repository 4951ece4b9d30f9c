using Agop.Science.Data;
using Agop.Science.Roar;
using Agop.Science.Torch;
using Agop.Science.Training;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>
/// ROAR's retrainings of one split (default fractions 0.05–0.5: five tables with other features replaced by their mean) on
/// Adult-shaped data (36,177 × 104, 2 classes, the SPEC MLP, batch 256, 2 epochs), one torch thread as the runner's default:
/// five separate trainings against one grouped training of the same five.
/// </summary>
public class RoarRetrainBenchmarks
{
    static readonly double[] Fractions = [0.05, 0.1, 0.2, 0.3, 0.5];
    static readonly TrainSettings Settings = new(2, 256, 1e-3, [256, 256, 128, 64]);
    IReadOnlyList<TabularData> _members = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: 1, device: "cpu");
        var table = AdultShaped(36177, 9045, 104, new Random(0));
        var importance = Enumerable.Range(0, table.Features).Select(j => (float)new Random(j).NextDouble()).ToArray();
        _members = Fractions.Select(t => FeatureRemoval.Remove(table, FeatureRemoval.Top(importance, t))).ToList();
    }

    [Benchmark(Baseline = true)]
    public void FiveSeparateTrainings()
    {
        foreach (var member in _members) Trainer.Train(member, Settings, seed: 0, CPU).Dispose();
    }

    [Benchmark]
    public void OneGroupedTraining()
    {
        foreach (var model in GroupedTrainer.Train(_members, Settings, seed: 0, CPU)) model.Dispose();
    }

    static TabularData AdultShaped(int train, int test, int features, Random random)
    {
        var weights = Enumerable.Range(0, features).Select(_ => random.NextDouble() - 0.5).ToArray();
        (float[] X, long[] Y) Rows(int n)
        {
            var x = new float[n * features];
            var y = new long[n];
            for (int i = 0; i < n; i++)
            {
                double score = 0;
                for (int j = 0; j < features; j++) score += weights[j] * (x[i * features + j] = (float)(random.NextDouble() * 2 - 1));
                y[i] = score + 0.3 * (random.NextDouble() - 0.5) > 0 ? 1 : 0;
            }
            return (x, y);
        }
        var (trainX, trainY) = Rows(train);
        var (testX, testY) = Rows(test);
        return new TabularData(features, 2, trainX, trainY, testX, testY, Enumerable.Range(0, features).Select(j => $"f{j}").ToList());
    }
}
