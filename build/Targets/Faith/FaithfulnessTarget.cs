using Agop.Build.Config;
using Agop.Build.Families;
using Agop.Build.Targets.Images;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Faithfulness;
using Agop.Science.IO;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Faith;

/// <summary>
/// Part 4 scores (SPEC §11.2–§11.3) of one (model, method): insertion and deletion AUC (RISE), Quantus PixelFlipping, activation
/// deviation, preservation and the spurious-activation rate, on the first <c>faith.max_samples</c> correctly classified test samples
/// (FEI: the samples it explained). <c>random_order</c> is the floor: a random ranking per sample.
/// </summary>
[DependsOn(typeof(AttributeTarget), typeof(AttributeRealTarget), typeof(AttributeImageTarget), typeof(FeiTarget))]
public sealed class FaithfulnessTarget : ExperimentTarget
{
    public const string RandomOrderMethod = "random_order";

    public enum Source { Method, Fei, RandomOrder }

    public sealed record Settings(string Family, Source From, int Classes, int Seed, int MaxSamples, string RankBy, int Step, IReadOnlyList<double> Fractions,
        string Device);

    public override string Description => "insertion/deletion, activation deviation and preservation of every method on every model";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var subject in DataFamilies.Subjects(plan.Config))
        {
            var sources = subject.Methods.Select(m => (Id: m, From: Source.Method))
                .Concat(plan.Config.Bool("fei.enabled") ? plan.Config.Strings("fei.variants").Select(v => (Id: v, From: Source.Fei)) : [])
                .Append((Id: RandomOrderMethod, From: Source.RandomOrder));
            foreach (var (method, from) in sources)
            {
                var settings = plan.Read(c => new Settings(subject.Family, from, subject.Of.Classes(c), subject.Seed, (int)c.Int("faith.max_samples"),
                    c.String("faith.rank_by"), (int)c.Int("faith.step"), c.Doubles("faith.fractions"), c.Note("device", plan.Settings.Device)));
                var inputs = new List<UnitInput> { In("data", plan.Unit(subject.DataId)), In("model", plan.Unit(subject.ModelId)) };
                if (from == Source.Method) inputs.Add(In("attributions", plan.Unit(subject.AttributionId(method))));
                if (from == Source.Fei) inputs.Add(In("attributions", plan.Unit(subject.FeiId(method))));
                yield return Unit(plan, subject.FaithId(method), settings, inputs, Score);
            }
        }
    }

    static void Score(UnitContext context, Settings s)
    {
        using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
        var device = torchUnit.Device;
        using var subject = DataFamilies.Get(s.Family).Load(context.Input("data"), context.Input("model"), s.Classes, device);
        long[] selection;
        Tensor attribution;
        var sampleShape = subject.TestX.shape.Skip(1).ToArray();
        if (s.From == Source.RandomOrder)
        {
            selection = FaithSelection.FirstCorrect(subject.Model.forward, subject.TestX, subject.TestY, s.MaxSamples);
            attribution = RandomOrder.Attribution(s.Seed, subject.TestX.index_select(0, tensor(selection, device: device)), selection);
        }
        else
        {
            var attributed = AttributionArtifact.Read(context.Input("attributions"));
            long[] rows;
            if (attributed.Rows is { } explained)
            {
                // FEI and the real-data attributions hold only the selected samples, in selection order
                selection = explained;
                if (s.From == Source.Method) selection = selection.Take(s.MaxSamples).ToArray();
                rows = Enumerable.Range(0, selection.Length).Select(i => (long)i).ToArray();
            }
            else
            {
                selection = FaithSelection.FirstCorrect(attributed.Predicted, subject.TestY, s.MaxSamples);
                rows = selection;
            }
            var all = tensor(attributed.Attributions, [attributed.Predicted.Length, .. sampleShape], device: device);
            attribution = all.index_select(0, tensor(rows, device: device));
        }
        var x = subject.TestX.index_select(0, tensor(selection, device: device));
        var result = FaithfulnessScores.Compute(subject.Segmented, x, attribution, subject.InsertionStart(x), subject.DeletionSubstrate(),
            new FaithfulnessOptions(s.Step, Ranking.Parse(s.RankBy), s.Fractions));
        var perSample = new float[selection.Length * FaithArtifact.Columns];
        for (int i = 0; i < selection.Length; i++)
        {
            double[] row = [selection[i], result.InsertionAuc[i], result.DeletionAuc[i], result.PixelFlippingAuc[i],
                result.ActivationDeviation[i], result.ActivationPreservation[i], result.SpuriousRate[i]];
            for (int k = 0; k < row.Length; k++) perSample[i * FaithArtifact.Columns + k] = (float)row[k];
        }
        double Mean(double[] v) => v.Length == 0 ? double.NaN : v.Average();
        FaithArtifact.Write(context.OutputDirectory,
            new FaithMeans(selection.Length, Mean(result.InsertionAuc), Mean(result.DeletionAuc), Mean(result.PixelFlippingAuc),
                Mean(result.ActivationDeviation), Mean(result.ActivationPreservation), Mean(result.SpuriousRate)),
            perSample, result.MeanInsertionCurve, result.MeanDeletionCurve);
    }
}
