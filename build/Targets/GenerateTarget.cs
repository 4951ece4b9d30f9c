using Agop.Pipeline.Config;
using Agop.Pipeline.Targets;
using Agop.Science.Data.Synthetic;
using Agop.Science.IO.Artifacts;

namespace Agop.Build.Targets;

/// <summary>Synthetic datasets with per-sample ground truth, one unit per (dataset, seed).</summary>
public sealed class GenerateTarget : ExperimentTarget
{
    public sealed record Settings(SyntheticSpec Spec, int Seed);

    public override string Description => "synthetic data + per-sample ground truth";

    public static SyntheticSpec Spec(SettingsReader config, string dataset) => new(
        dataset,
        (int)config.Int("synthetic.samples"),
        (int)config.Int("synthetic.features"),
        (int)config.Int("synthetic.classes"),
        (int)config.Int("synthetic.informative"),
        config.Double("synthetic.test_fraction"),
        config.Double($"synthetic.noise.{dataset}"),
        config.Double("synthetic.fd_step"));

    public override IEnumerable<Pipeline.Engine.WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan))
            yield return Unit(plan, GenerateId(dataset, seed), plan.Read(c => new Settings(Spec(c, dataset), seed)), [],
                static (context, s) => SyntheticDatasetArtifact.Write(context.OutputDirectory, SyntheticBenchmark.Generate(s.Spec, s.Seed), s.Spec, s.Seed));
    }
}
