using Agop.Build.Families;
using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Images;

/// <summary>Every enabled image method on every test image, explaining the predicted class; one unit per (dataset, seed, method).</summary>
[DependsOn(typeof(FitAgopImageTarget))]
public sealed class AttributeImageTarget(MethodCatalog catalog) : ImageTarget
{
    /// <param name="Method">Not hashed as data: its code is in the key through the method's source file.</param>
    public sealed record Settings([property: JsonIgnore] MethodDescriptor Method, MethodSettings Options, bool ExplainProbability, int Seed, string Device);

    public override string Description => "attributions of the test images, one unit per method";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
            foreach (var method in plan.Config.Strings("image.methods.enabled").Select(id => catalog[id]))
            {
                var settings = plan.Read(c => new Settings(method, MethodSettings.Read(method, c.Value, Modalities.Image),
                    c.String("image.attr_output") == "prob", cell.Seed, c.Note("device", plan.Settings.Device)));
                var inputs = new List<UnitInput> { In("data", plan.Unit(GenerateImageId(cell))), In("model", plan.Unit(TrainImageId(cell))) };
                if (method.Needs.HasFlag(MethodNeeds.AgopDiagonal)) inputs.Add(In("agop", plan.Unit(FitAgopImageId(cell))));
                yield return Unit(plan, AttributeImageId(cell, method.Id), settings, inputs, static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var data = ImageDatasetArtifact.Read(context.Input("data"));
                    using var model = ImageModelArtifact.ReadModel(context.Input("model"));
                    model.to(device);
                    using var x = tensor(data.Test.X, [data.Test.Count, 1, data.Size, data.Size], device: device);
                    var subject = new ImageModel(model, device, s.Seed, s.ExplainProbability,
                        s.Method.Needs.HasFlag(MethodNeeds.AgopDiagonal) ? () => ImageAgopArtifact.ReadDiagonal(context.Input("agop")) : null,
                        () => tensor(data.Train.X, [data.Train.Count, 1, data.Size, data.Size], device: device));
                    SubjectAttribution.Attribute(context, subject, s.Method, s.Options, x).Write(context.OutputDirectory);
                });
            }
    }
}
