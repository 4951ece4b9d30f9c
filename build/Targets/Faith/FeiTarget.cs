using System.Diagnostics;
using Agop.Build.Families;
using Agop.Build.Targets.Images;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Fei;
using Agop.Science.Faithfulness;
using Agop.Science.IO;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Faith;

/// <summary>
/// FEI (SPEC §11.4, a reconstruction from the abstract) on the first <c>fei.samples</c> correctly classified test samples of every
/// model, one unit per (model, variant): FEI (one-sided clipping), FEI-ext (none), FEI-ins, FEI-del. θ₀ of the i-th explained
/// sample comes from the stream (seed, "fei", i, restart), so the batch size changes nothing.
/// </summary>
[DependsOn(typeof(TrainTarget), typeof(RoarTarget), typeof(TrainImageTarget)), LongRunning]
public sealed class FeiTarget : ExperimentTarget
{
    public sealed record Settings(string Family, string Variant, FeiSettings Fei, int Classes, int Seed, int Samples, int Batch, string Device);

    public override string Description => "FEI attributions (optimised masks) of the first correctly classified test samples";

    public static string VariantName(string id) => id.Replace('_', '-');

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        if (!plan.Config.Bool("fei.enabled")) yield break;
        foreach (var subject in DataFamilies.Subjects(plan.Config))
            foreach (var variant in plan.Config.Strings("fei.variants"))
            {
                var settings = plan.Read(c => new Settings(subject.Family, variant,
                    new FeiSettings((int)c.Int("fei.steps"), c.Double("fei.lr"), c.Double("fei.temperature"), (int)c.Int("fei.quantiles"),
                        c.Double("fei.init_std"), (int)c.Int("fei.restarts")).AsVariant(VariantName(variant)),
                    subject.Of.Classes(c), subject.Seed, (int)c.Int("fei.samples"),
                    (int)c.Int("fei.batch"), c.Note("device", plan.Settings.Device)));
                yield return Unit(plan, subject.FeiId(variant), settings,
                    [In("data", plan.Unit(subject.DataId)), In("model", plan.Unit(subject.ModelId))], static (context, s) =>
                    {
                        using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                        var device = torchUnit.Device;
                        using var subject = DataFamilies.Get(s.Family).Load(context.Input("data"), context.Input("model"), s.Classes, device);
                        var selection = FaithSelection.FirstCorrect(subject.Model.forward, subject.TestX, subject.TestY, s.Samples);
                        var x = subject.TestX.index_select(0, tensor(selection, device: device));
                        var target = ClassGradient.Predict(subject.Model.forward, x);
                        var clock = Stopwatch.StartNew();
                        var attribution = new FeiOptimizer(subject.Segmented, s.Fei, s.Seed, s.Batch).Attribute(x, target, subject.InsertionStart(x), subject.DeletionSubstrate()).cpu();
                        context.Record("attribution_seconds", clock.Elapsed.TotalSeconds);
                        new AttributionArtifact(attribution.data<float>().ToArray(), target.cpu().data<long>().ToArray(), (int)x[0].numel()) { Rows = selection }
                            .Write(context.OutputDirectory);
                    });
            }
    }
}
