using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using Agop.Build.Families;
using Agop.Science.IO.Artifacts;
using Agop.Science.Models;
using Agop.Science.Roar;
using Agop.Science.Torch;
using Agop.Science.Training;
using Agop.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>
/// ROAR on real data (SPEC §6). Units per (dataset, seed) of a <see cref="SplitRealTarget"/> split: the baseline model (t = 0);
/// per method: the global ranking from training-set attributions; per (method, fraction): a retraining
/// with the top features replaced by their training mean. Adding a fraction or changing one method
/// reruns only those units. Retrainings of one split that are ready together run as one grouped unit call.
/// </summary>
[DependsOn(typeof(SplitRealTarget)), LongRunning]
public sealed class RoarTarget(MethodCatalog catalog) : ExperimentTarget
{
    public sealed record TrainUnitSettings(TrainSettings Train, int Seed, string Device);
    public sealed record RankSettings([property: JsonIgnore] MethodDescriptor Method, MethodSettings Options, int Seed, string Device,
        double? AgopTau, long? SampleBudget);
    public sealed record RetrainSettings(TrainSettings Train, int Seed, double Fraction, string Device);

    public override string Description => "ROAR on the real tables (Adult, Credit, data.tables): rank, remove, retrain";

    public static string DataId(string dataset, int seed) => SplitRealTarget.UnitId(dataset, seed);
    public static string BaselineId(string dataset, int seed) => $"roar/{dataset}/seed{seed}/baseline";
    public static string RankId(string dataset, int seed, string method) => $"roar/{dataset}/seed{seed}/{method}/rank";
    public static string RetrainId(string dataset, int seed, string method, double fraction) =>
        $"roar/{dataset}/seed{seed}/{method}/t{fraction.ToString("0.###", CultureInfo.InvariantCulture)}";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        string device = plan.Settings.Device;
        foreach (var dataset in plan.Config.Strings("roar.datasets"))
            foreach (int seed in plan.Config.Ints("roar.seeds").Select(s => (int)s))
            {
                var data = plan.Unit(DataId(dataset, seed));

                var baseline = Unit(plan, BaselineId(dataset, seed),
                    plan.Read(c => new TrainUnitSettings(TrainTarget.ReadTrain(c, "roar.train"), seed, c.Note("device", device))),
                    [In("data", data)],
                    static (context, s) =>
                    {
                        using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                        var torchDevice = torchUnit.Device;
                        var table = ReadSplit(context.Input("data"));
                        using var model = Trainer.Train(table, s.Train, s.Seed, torchDevice, context.Report);
                        ModelFile.Save(model, context.OutputDirectory);
                        RoarArtifacts.WriteAccuracy(context.OutputDirectory, new RoarAccuracy(0, 0, TestAccuracy(model, table, torchDevice), []));
                    });
                yield return baseline;

                foreach (var method in plan.Config.Strings("roar.methods").Select(id => catalog[id]))
                {
                    var rank = Unit(plan, RankId(dataset, seed, method.Id),
                        plan.Read(c => new RankSettings(method, MethodSettings.Read(method, c.Value), seed, c.Note("device", device),
                            method.Needs.HasFlag(MethodNeeds.AgopFactor) ? c.Double("agop.tau") : null,
                            method.RoarSampleBudgetKey is { } budget ? c.Int(budget) : null)),
                        [In("data", data), In("model", baseline)], Rank);
                    yield return rank;

                    foreach (double fraction in plan.Config.Doubles("roar.fractions"))
                        yield return GroupedUnit(plan, RetrainId(dataset, seed, method.Id, fraction), RetrainGroup(data),
                            plan.Read(c => new RetrainSettings(TrainTarget.ReadTrain(c, "roar.train"), seed, fraction, c.Note("device", device))),
                            [In("data", data), In("ranking", rank)], Retrain);
                }
            }
    }

    /// <summary>The retrainings of one split: ready ones train together as one stacked model (methods and fractions alike).</summary>
    static string RetrainGroup(WorkUnit data) => $"{data.Id}/retrain@{data.Key}";

    /// <summary>
    /// Each member's retraining, all in one <see cref="GroupedTrainer"/> call: a member's weights are those of its own
    /// <see cref="Trainer.Train"/> and do not depend on the group (GroupedTrainerTests).
    /// </summary>
    static void Retrain(IReadOnlyList<(UnitContext Context, RetrainSettings Settings)> members)
    {
        var (first, s) = members[0];
        static string DataKey(UnitContext context) => context.Unit.NamedInputs.Single(i => i.Role == "data").Unit.Key;
        var strangers = members.Where(m => DataKey(m.Context) != DataKey(first) || !SameTraining(m.Settings, s)).Select(m => m.Context.Unit.Id).ToList();
        if (strangers.Count > 0)
            throw new InvalidOperationException($"{string.Join(", ", strangers)} cannot train in one group with {first.Unit.Id}: their data or training settings differ");
        using var torchUnit = TorchRuntime.Unit(first.Threads, s.Device);
        var torchDevice = torchUnit.Device;
        var table = ReadSplit(first.Input("data"));
        var removed = members.Select(m => FeatureRemoval.Top(RoarArtifacts.ReadImportance(m.Context.Input("ranking")), m.Settings.Fraction)).ToList();
        var reduced = removed.Select(r => FeatureRemoval.Remove(table, r)).ToList();
        var models = GroupedTrainer.Train(reduced, s.Train, s.Seed, torchDevice, (fraction, status) =>
        {
            foreach (var member in members) member.Context.Report(fraction, status);
        });
        try
        {
            for (int k = 0; k < members.Count; k++)
                RoarArtifacts.WriteAccuracy(members[k].Context.OutputDirectory, new RoarAccuracy(members[k].Settings.Fraction, removed[k].Length,
                    TestAccuracy(models[k], reduced[k], torchDevice), removed[k].Select(j => table.FeatureNames[j]).ToList()));
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }

    static bool SameTraining(RetrainSettings a, RetrainSettings b) =>
        a.Seed == b.Seed && a.Device == b.Device && a.Train.Epochs == b.Train.Epochs && a.Train.BatchSize == b.Train.BatchSize
        && a.Train.LearningRate == b.Train.LearningRate && a.Train.Hidden.SequenceEqual(b.Train.Hidden);

    static void Rank(UnitContext context, RankSettings s)
    {
        using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
        var torchDevice = torchUnit.Device;
        var table = ReadSplit(context.Input("data"));
        using var model = ModelFile.Load(name => Path.Combine(context.Input("model"), name));
        model.to(torchDevice);
        var x = tensor(table.TrainX, [table.TrainCount, table.Features], device: torchDevice);
        int explained = table.TrainCount;
        if (s.SampleBudget is { } budget && budget < table.TrainCount)
        {
            explained = (int)budget;
            var rows = Enumerable.Range(0, table.TrainCount).ToArray();
            new Random(s.Seed).Shuffle(rows);
            x = x.index_select(0, tensor(rows[..explained].Order().Select(r => (long)r).ToArray(), device: torchDevice));
        }
        var attributed = SubjectAttribution.Attribute(context, TabularModel.FittingAgop(model, table, torchDevice, s.Seed, s.AgopTau), s.Method, s.Options, x);
        var importance = GlobalRanking.Importance(attributed.Attributions, explained, table.Features);
        RoarArtifacts.WriteRanking(context.OutputDirectory, s.Method.Id, explained, importance, table.FeatureNames);
    }

    static TabularData ReadSplit(string folder) => TabularData.Load(name => Path.Combine(folder, name), 2);

    static double TestAccuracy(Mlp model, TabularData table, Device device) =>
        Classification.Accuracy(Trainer.Probabilities(model, table.TestX, table.Features, device), table.TestY, 2);
}
