using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Data;
using Agop.Science.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>AGOP on the training set, eigen-truncated to rank K, kept as its low-rank factor; one unit per model.</summary>
[DependsOn(typeof(TrainTarget))]
public sealed class FitAgopTarget : ExperimentTarget
{
    public override string Description => "fit AGOP, truncate its spectrum, keep the factor F (M_K = F Fᵀ)";
    protected override int LogicVersion => 1;

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        double tau = config.Double("agop.tau");
        int classes = (int)config.Int("synthetic.classes");
        var (threads, device) = (plan.Settings.Threads, plan.Settings.Device);
        foreach (var (dataset, seed) in DatasetSeeds(config))
        {
            var data = plan.Unit(GenerateId(dataset, seed));
            var trained = plan.Unit(TrainId(dataset, seed));
            yield return Unit(FitAgopId(dataset, seed), Slice(config, ["agop.tau"], ("device", device)), [data, trained],
                context =>
                {
                    var torchDevice = TorchRuntime.Use(threads, device);
                    var table = TabularData.Load(Files(context, data), classes);
                    using var model = ModelFile.Load(Files(context, trained));
                    model.to(torchDevice);
                    using var x = tensor(table.TrainX, [table.TrainCount, table.Features], device: torchDevice);
                    var clock = Stopwatch.StartNew();
                    var agop = AgopFactor.Fit(model.forward, x, tau);
                    context.Record("fit_seconds", clock.Elapsed.TotalSeconds);
                    agop.Save(context.OutputDirectory);
                });
        }
    }
}
