using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Data.Synthetic;
using Agop.Science.IO.Artifacts;
using Agop.Science.Metrics;

namespace Agop.Build.Targets;

/// <summary>Spearman, top-k precision and noise mass against ground truth on correctly classified test samples.</summary>
[DependsOn(typeof(AttributeTarget))]
public sealed class EvaluateTarget : ExperimentTarget
{
    public sealed record Settings(string Dataset, int Seed, string Method, int Classes);

    public override string Description => "score attributions against ground truth (correct test samples)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan))
            foreach (var method in plan.Config.Strings("methods.enabled"))
            {
                var settings = plan.Read(c => new Settings(dataset, seed, method, (int)c.Int("synthetic.classes")));
                yield return Unit(plan, EvaluateId(dataset, seed, method), settings,
                    [In("data", plan.Unit(GenerateId(dataset, seed))), In("attributions", plan.Unit(AttributeId(dataset, seed, method)))],
                    static (context, s) =>
                    {
                        var benchmark = SyntheticDatasetArtifact.Read(context.Input("data"), s.Classes);
                        var attributions = AttributionArtifact.Read(context.Input("attributions"));
                        var (scores, perSample) = Score(benchmark, attributions.Attributions, attributions.Predicted);
                        ScoresArtifact.Write(context.OutputDirectory, scores with { Dataset = s.Dataset, Seed = s.Seed, Method = s.Method }, perSample);
                    });
            }
    }

    /// <returns>Mean scores and one row per correctly classified sample.</returns>
    public static (MethodScores Scores, IReadOnlyList<SampleScores> PerSample) Score(SyntheticBenchmark benchmark, float[] attributions, long[] predicted)
    {
        var data = benchmark.Data;
        int d = data.Features, k = benchmark.Informative.Length;
        var rows = new List<SampleScores>();
        double spearman = 0, topK = 0, noise = 0;
        for (int i = 0; i < data.TestCount; i++)
        {
            if (predicted[i] != data.TestY[i]) continue;
            var a = Normalization.Normalize(attributions.AsSpan(i * d, d));
            var truth = Normalization.Normalize(benchmark.GroundTruthFor(i, (int)predicted[i]));
            double s = AttributionMetrics.Spearman(a, truth);
            double t = AttributionMetrics.TopKPrecision(a, truth, k);
            double m = AttributionMetrics.NoiseMass(a, truth);
            rows.Add(new SampleScores(i, (float)s, (float)t, (float)m));
            spearman += s; topK += t; noise += m;
        }
        int count = rows.Count;
        var scores = count == 0
            ? new MethodScores("", 0, "", 0, double.NaN, double.NaN, double.NaN)
            : new MethodScores("", 0, "", count, spearman / count, topK / count, noise / count);
        return (scores, rows);
    }
}
