using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using Agop.Statistics.Localisation;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Images;

/// <summary>
/// diag(M) of each tracked epoch, from its checkpoint (the online hook's accumulation instead under <c>image.agop.hook: online</c>),
/// scored for H7: Pearson with the ground-truth frequency and IoU of the top-8 with G_comb; under the online hook also the
/// correlation of the accumulated kept diag(M) with FitAgopImage's. A unit of its own because it is most of the AGOP's cost
/// (50 checkpoints against one) and only the base report's Figure 4 reads it: a robustness variant that changes the AGOP
/// recomputes the kept diag(M) its methods read, not the trace.
/// </summary>
[DependsOn(typeof(FitAgopImageTarget)), BaseOnly]
public sealed class TraceAgopImageTarget : ImageTarget
{
    public sealed record Settings(string AgopTarget, string Output, string Hook, string Device);

    public override string Description => "diag(M) of the tracked epochs and its quality over training (H7)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
        {
            var settings = plan.Read(c => new Settings(c.String("image.agop.target"), c.String("image.attr_output"), c.String("image.agop.hook"),
                c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, TraceAgopImageId(cell), settings,
                [In("data", plan.Unit(GenerateImageId(cell))), In("model", plan.Unit(TrainImageId(cell))), In("agop", plan.Unit(FitAgopImageId(cell)))],
                static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var data = ImageDatasetArtifact.Read(context.Input("data"));
                    var log = ImageModelArtifact.ReadLog(context.Input("model"));
                    var x = tensor(data.Train.X, [data.Train.Count, 1, data.Size, data.Size], device: device);
                    var y = tensor(data.Train.Y, [data.Train.Count], device: device);
                    var clock = Stopwatch.StartNew();
                    var tracked = s.Hook == "online"
                        ? ImageModelArtifact.ReadOnlineTracked(context.Input("model"))
                        : CheckpointDiagonals.Compute(ImageModelArtifact.ReadCheckpoints(context.Input("model")), x,
                            AgopDiagonal.ParseTarget(s.AgopTarget), ExplainedOutputs.Parse(s.Output), y);
                    context.Record("trace_seconds", clock.Elapsed.TotalSeconds);
                    var frequency = data.GroundTruthFrequency.Select(v => (double)v).ToList();
                    var epochs = tracked.Select(t => new AgopQuality(t.Epoch, Trend.Pearson(t.DiagM.Select(v => (double)v).ToList(), frequency),
                        data.UsesCombinedMask ? LocalisationMetrics.IoU(t.DiagM, data.CombinedMask, Binarisation.Parse("topk_gt")) : double.NaN,
                        log.Epochs[t.Epoch - 1].ValidationAccuracy)).ToArray();
                    double? online = ImageModelArtifact.ReadOnlineKept(context.Input("model")) is { } accumulated
                        ? Trend.Pearson(accumulated.Select(v => (double)v).ToList(),
                            ImageAgopArtifact.ReadDiagonal(context.Input("agop")).Select(v => (double)v).ToList())
                        : null;
                    ImageAgopArtifact.WriteTrace(context.OutputDirectory, tracked, [1, data.Size, data.Size], new AgopTraceFile(s.Hook, online, epochs));
                });
        }
    }
}
