using System.Diagnostics;
using System.Text.Json.Serialization;
using Agop.Build.Families;
using Agop.Build.Families.Tables;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using Agop.Science.IO;
using Agop.Science.IO.Artifacts;
using Agop.Science.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Faith;

/// <summary>
/// Test-set attributions of the ROAR t = 0 models (Adult, Credit) for Part 4: each ROAR method on the first
/// <c>faith.max_samples</c> correctly classified test rows, in index order (ROAR itself attributes the training set).
/// </summary>
[DependsOn(typeof(RoarTarget))]
public sealed class AttributeRealTarget(MethodCatalog catalog) : ExperimentTarget
{
    public sealed record Settings([property: JsonIgnore] MethodDescriptor Method, MethodSettings Options, int Seed, int MaxSamples, double? AgopTau, string Device);

    public override string Description => "attributions of the real data's test rows by the t = 0 models (Part 4)";

    public static string UnitId(string dataset, int seed, string method) => $"faith/attribute/{dataset}/seed{seed}/{method}";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var subject in plan.Config.Bool("faith.enabled") ? DataFamilies.Get<RealTableFamily>().Subjects(plan.Config) : [])
            foreach (var method in subject.Methods.Select(id => catalog[id]))
            {
                var settings = plan.Read(c => new Settings(method, MethodSettings.Read(method, c.Value), subject.Seed, (int)c.Int("faith.max_samples"),
                    method.Needs.HasFlag(MethodNeeds.AgopFactor) ? c.Double("agop.tau") : null, c.Note("device", plan.Settings.Device)));
                yield return Unit(plan, UnitId(subject.Dataset, subject.Seed, method.Id), settings,
                    [In("data", plan.Unit(subject.DataId)), In("model", plan.Unit(subject.ModelId))], static (context, s) =>
                    {
                        using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                        var device = torchUnit.Device;
                        var table = TabularData.Load(name => Path.Combine(context.Input("data"), name), 2);
                        using var model = ModelFile.Load(name => Path.Combine(context.Input("model"), name));
                        model.to(device);
                        var test = tensor(table.TestX, [table.TestCount, table.Features], device: device);
                        var selection = FaithSelection.FirstCorrect(model.forward, test, table.TestY, s.MaxSamples);
                        var x = test.index_select(0, tensor(selection, device: device));
                        SubjectAttribution.Attribute(context, TabularModel.FittingAgop(model, table, device, s.Seed, s.AgopTau), s.Method, s.Options, x, selection)
                            .Write(context.OutputDirectory);
                    });
            }
    }
}
