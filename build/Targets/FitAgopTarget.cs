using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>AGOP on the training set, eigen-truncated to rank K, kept as its low-rank factor; one unit per model.</summary>
[DependsOn(typeof(TrainTarget))]
public sealed class FitAgopTarget : ExperimentTarget
{
    public sealed record Settings(double Tau, int Classes, string Device);

    public override string Description => "fit AGOP, truncate its spectrum, keep the factor F (M_K = F Fᵀ)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan))
        {
            var settings = plan.Read(c => new Settings(c.Double("agop.tau"), (int)c.Int("synthetic.classes"), c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, FitAgopId(dataset, seed), settings,
                [In("data", plan.Unit(GenerateId(dataset, seed))), In("model", plan.Unit(TrainId(dataset, seed)))],
                static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var data = SyntheticDatasetArtifact.ReadSplit(context.Input("data"), s.Classes);
                    using var model = TrainedModelArtifact.ReadModel(context.Input("model"));
                    model.to(device);
                    using var x = tensor(data.TrainX, [data.TrainCount, data.Features], device: device);
                    var clock = Stopwatch.StartNew();
                    var agop = AgopFactor.Fit(model.forward, x, s.Tau);
                    context.Record("fit_seconds", clock.Elapsed.TotalSeconds);
                    agop.Save(context.OutputDirectory);
                });
        }
    }
}
