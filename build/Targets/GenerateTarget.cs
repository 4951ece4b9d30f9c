using System.Text.Json;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Data.Synthetic;

namespace Agop.Build.Targets;

/// <summary>Synthetic datasets with per-sample ground truth, one unit per (dataset, seed).</summary>
public sealed class GenerateTarget : ExperimentTarget
{
    public override string Description => "synthetic data + per-sample ground truth";
    protected override int LogicVersion => 1;

    public static SyntheticSpec Spec(ExperimentConfig config, string dataset) => new(
        dataset,
        (int)config.Int("synthetic.samples"),
        (int)config.Int("synthetic.features"),
        (int)config.Int("synthetic.classes"),
        (int)config.Int("synthetic.informative"),
        config.Double("synthetic.test_fraction"),
        config.Double($"synthetic.noise.{dataset}"),
        config.Double("synthetic.fd_step"));

    public static string[] Keys(string dataset) =>
    [
        "synthetic.samples", "synthetic.features", "synthetic.classes", "synthetic.informative",
        "synthetic.test_fraction", $"synthetic.noise.{dataset}", "synthetic.fd_step",
    ];

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan.Config))
        {
            var spec = Spec(plan.Config, dataset);
            yield return Unit(GenerateId(dataset, seed), Slice(plan.Config, Keys(dataset), ("dataset", dataset), ("seed", (long)seed)), [],
                context =>
                {
                    var benchmark = SyntheticBenchmark.Generate(spec, seed);
                    benchmark.Save(context.OutputDirectory);
                    File.WriteAllText(context.Output("dataset.json"), JsonSerializer.Serialize(new
                    {
                        dataset, seed, classes = spec.Classes, features = spec.Features,
                        train = benchmark.Data.TrainCount, test = benchmark.Data.TestCount, informative = benchmark.Informative,
                    }));
                });
        }
    }
}
