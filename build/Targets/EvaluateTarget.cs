using System.Text.Json;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Formats;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Data.Synthetic;
using Agop.Science.Metrics;

namespace Agop.Build.Targets;

/// <summary>Spearman, top-k precision and noise mass against ground truth on correctly classified test samples.</summary>
[DependsOn(typeof(AttributeTarget))]
public sealed class EvaluateTarget : ExperimentTarget
{
    public override string Description => "score attributions against ground truth (correct test samples)";
    protected override int LogicVersion => 1;

    public sealed record Scores(string Dataset, int Seed, string Method, int Samples, double Spearman, double TopK, double NoiseMass);

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        int classes = (int)config.Int("synthetic.classes");
        foreach (var (dataset, seed) in DatasetSeeds(config))
            foreach (var method in config.Strings("methods.enabled"))
            {
                var data = plan.Unit(GenerateId(dataset, seed));
                var attributed = plan.Unit(AttributeId(dataset, seed, method));
                yield return Unit(EvaluateId(dataset, seed, method), Slice(config, [], ("method", method)), [data, attributed],
                    context =>
                    {
                        var benchmark = SyntheticBenchmark.Load(Files(context, data), classes);
                        var attributions = NpyFile.Read(context.Input(attributed, "attributions_test.npy")).F;
                        var predicted = NpyFile.Read(context.Input(attributed, "predicted_test.npy")).L;
                        var scores = Score(benchmark, attributions, predicted, out var perSample);
                        NpyFile.Write(context.Output("per_sample.npy"), perSample, perSample.Length / 4, 4);
                        File.WriteAllText(context.Output("scores.json"), JsonSerializer.Serialize(scores with { Dataset = dataset, Seed = seed, Method = method }));
                    });
            }
    }

    /// <param name="perSample">Rows of (test index, Spearman, top-k, noise mass), one per correctly classified sample.</param>
    public static Scores Score(SyntheticBenchmark benchmark, float[] attributions, long[] predicted, out float[] perSample)
    {
        var data = benchmark.Data;
        int d = data.Features, k = benchmark.Informative.Length;
        var rows = new List<float>();
        double spearman = 0, topK = 0, noise = 0;
        int count = 0;
        for (int i = 0; i < data.TestCount; i++)
        {
            if (predicted[i] != data.TestY[i]) continue;
            var a = Normalization.Normalize(attributions.AsSpan(i * d, d));
            var truth = Normalization.Normalize(benchmark.GroundTruthFor(i, (int)predicted[i]));
            double s = AttributionMetrics.Spearman(a, truth);
            double t = AttributionMetrics.TopKPrecision(a, truth, k);
            double m = AttributionMetrics.NoiseMass(a, truth);
            rows.AddRange([i, (float)s, (float)t, (float)m]);
            spearman += s; topK += t; noise += m; count++;
        }
        perSample = rows.ToArray();
        return count == 0
            ? new Scores("", 0, "", 0, double.NaN, double.NaN, double.NaN)
            : new Scores("", 0, "", count, spearman / count, topK / count, noise / count);
    }
}
