using Agop.Build.Families;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>Every enabled method on every test sample, explaining the predicted class; one unit per (dataset, seed, method).</summary>
[DependsOn(typeof(FitAgopTarget))]
public sealed class AttributeTarget(MethodCatalog catalog) : ExperimentTarget
{
    /// <param name="Method">Not hashed as data: its code is in the key through the method's source file.</param>
    public sealed record Settings([property: JsonIgnore] MethodDescriptor Method, MethodSettings Options, int Classes, int Seed, string Device);

    public override string Description => "attributions of the test set, one unit per method";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan))
            foreach (var method in plan.Config.Strings("methods.enabled").Select(id => catalog[id]))
            {
                var settings = plan.Read(c => new Settings(method, MethodSettings.Read(method, c.Value), (int)c.Int("synthetic.classes"), seed,
                    c.Note("device", plan.Settings.Device)));
                var inputs = new List<UnitInput> { In("data", plan.Unit(GenerateId(dataset, seed))), In("model", plan.Unit(TrainId(dataset, seed))) };
                if (method.Needs.HasFlag(MethodNeeds.AgopFactor)) inputs.Add(In("agop", plan.Unit(FitAgopId(dataset, seed))));
                yield return Unit(plan, AttributeId(dataset, seed, method.Id), settings, inputs, static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var table = SyntheticDatasetArtifact.ReadSplit(context.Input("data"), s.Classes);
                    using var model = TrainedModelArtifact.ReadModel(context.Input("model"));
                    model.to(device);
                    using var x = tensor(table.TestX, [table.TestCount, table.Features], device: device);
                    var subject = new TabularModel(model, table, device, s.Seed, () => AgopFactor.Load(name => Path.Combine(context.Input("agop"), name)));
                    SubjectAttribution.Attribute(context, subject, s.Method, s.Options, x).Write(context.OutputDirectory);
                });
            }
    }
}
