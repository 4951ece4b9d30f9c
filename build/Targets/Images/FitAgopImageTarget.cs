using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using TorchSharp;
using Agop.Statistics.Localisation;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Images;

/// <summary>
/// diag(M) of each trained CNN over its training set, from the saved weights, and of each tracked epoch from its checkpoint (the
/// online hook's accumulation instead under <c>image.agop.hook: online</c>); the trace is scored for H7: Pearson with the
/// ground-truth frequency and IoU of the top-8 with G_comb. The AGOP target and output are read here, so changing them retrains nothing.
/// </summary>
[DependsOn(typeof(TrainImageTarget))]
public sealed class FitAgopImageTarget : ImageTarget
{
    /// <param name="Output">The output whose gradient enters diag(M): <c>image.attr_output</c>, the one AGOP-Local and AGOP-Weighted explain.</param>
    public sealed record Settings(string AgopTarget, string Output, string Hook, string Device);

    public override string Description => "diag(M) of the kept weights and its quality over training (H7)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
        {
            var settings = plan.Read(c => new Settings(c.String("image.agop.target"), c.String("image.attr_output"), c.String("image.agop.hook"),
                c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, FitAgopImageId(cell), settings,
                [In("data", plan.Unit(GenerateImageId(cell))), In("model", plan.Unit(TrainImageId(cell)))], static (context, s) =>
                {
                    var device = TorchRuntime.Use(context.Threads, s.Device);
                    var data = ImageDatasetArtifact.Read(context.Input("data"));
                    var log = ImageModelArtifact.ReadLog(context.Input("model"));
                    using var model = ImageModelArtifact.ReadModel(context.Input("model"));
                    model.to(device);
                    using var scope = NewDisposeScope();
                    var x = tensor(data.Train.X, [data.Train.Count, 1, data.Size, data.Size], device: device);
                    var y = tensor(data.Train.Y, [data.Train.Count], device: device);
                    var target = AgopDiagonal.ParseTarget(s.AgopTarget);
                    var output = ExplainedOutputs.Parse(s.Output);
                    var clock = Stopwatch.StartNew();
                    var diagonal = AgopDiagonal.Compute(model.forward, x, target, output, y);
                    context.Record("fit_seconds", clock.Elapsed.TotalSeconds);

                    clock.Restart();
                    var tracked = s.Hook == "online"
                        ? ImageModelArtifact.ReadOnlineTracked(context.Input("model"))
                        : CheckpointDiagonals.Compute(ImageModelArtifact.ReadCheckpoints(context.Input("model")), x, target, output, y);
                    context.Record("trace_seconds", clock.Elapsed.TotalSeconds);
                    var frequency = data.GroundTruthFrequency.Select(v => (double)v).ToList();
                    var epochs = tracked.Select(t => new AgopQuality(t.Epoch, Trend.Pearson(t.DiagM.Select(v => (double)v).ToList(), frequency),
                        data.UsesCombinedMask ? LocalisationMetrics.IoU(t.DiagM, data.CombinedMask, Binarisation.Parse("topk_gt")) : double.NaN,
                        log.Epochs[t.Epoch - 1].ValidationAccuracy)).ToArray();
                    double? online = ImageModelArtifact.ReadOnlineKept(context.Input("model")) is { } accumulated
                        ? Trend.Pearson(accumulated.Select(v => (double)v).ToList(), diagonal.Select(v => (double)v).ToList())
                        : null;
                    ImageAgopArtifact.Write(context.OutputDirectory, diagonal, tracked, [1, data.Size, data.Size], new AgopTraceFile(s.Hook, online, epochs));
                });
        }
    }
}
