using Agop.Science.IO;

namespace Agop.Science.Data.Synthetic;

/// <summary>
/// A generated dataset with per-sample ground truth: for every test sample and class c,
/// (x − b) ⊙ ∇s_c(x) with b the training mean. Input×gradient with a baseline is invariant to
/// per-feature affine rescaling, so computing it on raw features equals computing it on the
/// standardised features the model sees.
/// </summary>
public sealed record SyntheticBenchmark(TabularData Data, float[] GroundTruth, int[] Informative)
{
    /// <summary>Ground truth of test sample i for class c: GroundTruth[(i·K + c)·d + j].</summary>
    public ReadOnlySpan<float> GroundTruthFor(int sample, int c) =>
        GroundTruth.AsSpan((sample * Data.Classes + c) * Data.Features, Data.Features);

    public void Save(string folder)
    {
        Data.Save(folder);
        NpyFile.Write(Path.Combine(folder, "ground_truth_test.npy"), GroundTruth, Data.TestCount, Data.Classes, Data.Features);
        NpyFile.Write(Path.Combine(folder, "informative.npy"), Informative.Select(i => (long)i).ToArray(), Informative.Length);
    }

    public static SyntheticBenchmark Load(Func<string, string> file, int classes)
    {
        var data = TabularData.Load(file, classes);
        var truth = NpyFile.Read(file("ground_truth_test.npy"));
        return new SyntheticBenchmark(data, truth.F, NpyFile.Read(file("informative.npy")).L.Select(l => (int)l).ToArray());
    }

    /// <summary>(x − b) ⊙ ∇s_c(x) for every class c, laid out [class, feature]: closed form or central differences.</summary>
    public static float[] ComputeGroundTruth(SyntheticTask task, ReadOnlySpan<double> x, double[] baseline, double finiteDifferenceStep)
    {
        int k = task.Classes, d = task.Features;
        var gradient = new double[k * d];
        if (task.ClosedFormGroundTruth)
            for (int c = 0; c < k; c++) task.Gradient(x, c, gradient.AsSpan(c * d, d));
        else
            task.FiniteDifferenceGradient(x, finiteDifferenceStep, gradient);
        var truth = new float[k * d];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++) truth[c * d + j] = (float)((x[j] - baseline[j]) * gradient[c * d + j]);
        return truth;
    }

    public static SyntheticBenchmark Generate(SyntheticSpec spec, int seed)
    {
        var random = new Random(seed);
        var task = spec.CreateTask(random);
        int n = spec.Samples, d = spec.Features, k = spec.Classes;
        var raw = new double[n * d];
        for (int i = 0; i < raw.Length; i++) raw[i] = Gaussian.Next(random);

        var labels = new long[n];
        var scores = new double[k];
        for (int i = 0; i < n; i++)
        {
            task.Scores(raw.AsSpan(i * d, d), scores);
            int best = 0;
            double bestValue = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double noisy = scores[c] + spec.NoiseSigma * Gaussian.Next(random);
                if (noisy > bestValue) { bestValue = noisy; best = c; }
            }
            labels[i] = best;
        }

        var (train, test) = StratifiedSplit.Split(labels, spec.TestFraction, seed);
        var scaler = new Standardizer(raw, d, train);
        var names = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        var data = new TabularData(d, k, scaler.Transform(raw, d, train), train.Select(i => labels[i]).ToArray(),
            scaler.Transform(raw, d, test), test.Select(i => labels[i]).ToArray(), names);

        var truth = new float[test.Length * k * d];
        for (int r = 0; r < test.Length; r++)
            ComputeGroundTruth(task, raw.AsSpan(test[r] * d, d), scaler.Mean, spec.FiniteDifferenceStep).CopyTo(truth, r * k * d);
        return new SyntheticBenchmark(data, truth, task.Informative);
    }
}
