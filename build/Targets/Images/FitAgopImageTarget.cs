using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Images;

/// <summary>
/// diag(M) of each trained CNN's kept weights over its training set: what AGOP-Weighted and AGOP-Global read. The AGOP target and
/// output are read here, so changing them retrains nothing. Its quality over training (H7) is <see cref="TraceAgopImageTarget"/>'s.
/// </summary>
[DependsOn(typeof(TrainImageTarget))]
public sealed class FitAgopImageTarget : ImageTarget
{
    /// <param name="Output">The output whose gradient enters diag(M): <c>image.attr_output</c>, the one AGOP-Local and AGOP-Weighted explain.</param>
    public sealed record Settings(string AgopTarget, string Output, string Device);

    public override string Description => "diag(M) of the kept weights";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
        {
            var settings = plan.Read(c => new Settings(c.String("image.agop.target"), c.String("image.attr_output"), c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, FitAgopImageId(cell), settings,
                [In("data", plan.Unit(GenerateImageId(cell))), In("model", plan.Unit(TrainImageId(cell)))], static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var data = ImageDatasetArtifact.Read(context.Input("data"));
                    using var model = ImageModelArtifact.ReadModel(context.Input("model"));
                    model.to(device);
                    var x = tensor(data.Train.X, [data.Train.Count, 1, data.Size, data.Size], device: device);
                    var y = tensor(data.Train.Y, [data.Train.Count], device: device);
                    var clock = Stopwatch.StartNew();
                    var diagonal = AgopDiagonal.Compute(model.forward, x, AgopDiagonal.ParseTarget(s.AgopTarget), ExplainedOutputs.Parse(s.Output), y);
                    context.Record("fit_seconds", clock.Elapsed.TotalSeconds);
                    ImageAgopArtifact.WriteDiagonal(context.OutputDirectory, diagonal, [1, data.Size, data.Size]);
                });
        }
    }
}
