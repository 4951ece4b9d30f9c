using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Formats;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Data;
using Agop.Science.Data.Real;
using Agop.Science.Models;
using Agop.Science.Roar;
using Agop.Science.Torch;
using Agop.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>
/// ROAR on real data (SPEC §6). Units per (dataset, seed): the split, the baseline model (t = 0);
/// per method: the global ranking from training-set attributions; per (method, fraction): a retraining
/// with the top features replaced by their training mean. Adding a fraction or changing one method
/// reruns only those units.
/// </summary>
[DependsOn(typeof(EvaluateTarget))]
public sealed class RoarTarget : ExperimentTarget
{
    public override string Description => "ROAR on Adult and Credit: rank, remove, retrain";
    protected override int LogicVersion => 1;

    /// <summary>Offline copies looked for before downloading: the project's shared data folder beside the checkout.</summary>
    public static readonly string[] LocalCopies = ["../shared/data"];

    public static readonly string[] TrainKeys = ["roar.train.epochs", "roar.train.batch_size", "roar.train.lr", "train.hidden"];

    public static string DataId(string dataset, int seed) => $"roar/{dataset}/seed{seed}/data";
    public static string BaselineId(string dataset, int seed) => $"roar/{dataset}/seed{seed}/baseline";
    public static string RankId(string dataset, int seed, string method) => $"roar/{dataset}/seed{seed}/{method}/rank";
    public static string RetrainId(string dataset, int seed, string method, double fraction) =>
        $"roar/{dataset}/seed{seed}/{method}/t{fraction.ToString("0.###", CultureInfo.InvariantCulture)}";

    public sealed record Accuracy(double Fraction, int Removed, double TestAccuracy, IReadOnlyList<string> RemovedFeatures);

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        var (threads, device) = (plan.Settings.Threads, plan.Settings.Device);
        var train = new TrainSettings((int)config.Int("roar.train.epochs"), (int)config.Int("roar.train.batch_size"),
            config.Double("roar.train.lr"), config.Ints("train.hidden").Select(h => (int)h).ToArray());
        foreach (var dataset in config.Strings("roar.datasets"))
        {
            string folder = DataLocator.Resolve(dataset, config.String("data.dir"), Path.Combine(plan.Settings.ArtifactsDirectory, "data-cache"),
                config.Bool("data.download"), LocalCopies);
            var files = SourceFiles(dataset, folder);
            string sourceHash = ExperimentConfig.Sha256Hex(string.Join("\n", files.Select(f => Path.GetFileName(f) + "=" + DataChecksums.Sha256(f))));
            foreach (int seed in config.Ints("roar.seeds").Select(s => (int)s))
            {
                var data = Unit(DataId(dataset, seed),
                    Slice(config, ["roar.test_fraction", "roar.max_rows"], ("dataset", dataset), ("seed", (long)seed), ("source_sha256", sourceHash)), [],
                    context =>
                    {
                        var table = RealSplit.Split(Load(dataset, folder), config.Double("roar.test_fraction"), seed, (int)config.Int("roar.max_rows"));
                        table.Save(context.OutputDirectory);
                    }, preflight: () => Load(dataset, folder));
                yield return data;

                var baseline = Unit(BaselineId(dataset, seed), Slice(config, TrainKeys, ("seed", (long)seed), ("device", device)), [data],
                    context =>
                    {
                        var torchDevice = TorchRuntime.Use(threads, device);
                        var table = TabularData.Load(Files(context, data), 2);
                        using var model = Trainer.Train(table, train, seed, torchDevice, context.Report);
                        ModelFile.Save(model, context.OutputDirectory);
                        WriteAccuracy(context, new Accuracy(0, 0, TestAccuracy(model, table, torchDevice), []));
                    });
                yield return baseline;

                foreach (var method in config.Strings("roar.methods"))
                {
                    var keys = AttributeTarget.MethodKeys(method).Concat(method switch
                    {
                        "agop_ixg" => ["agop.tau"],
                        "lime" => ["roar.lime_samples"],
                        _ => Array.Empty<string>(),
                    });
                    var rank = Unit(RankId(dataset, seed, method), Slice(config, keys, ("method", method), ("seed", (long)seed), ("device", device)),
                        [data, baseline],
                        context => Rank(context, config, method, seed, threads, device, data, baseline));
                    yield return rank;

                    foreach (double fraction in config.Doubles("roar.fractions"))
                        yield return Unit(RetrainId(dataset, seed, method, fraction),
                            Slice(config, TrainKeys, ("fraction", fraction), ("seed", (long)seed), ("device", device)), [data, rank],
                            context =>
                            {
                                var torchDevice = TorchRuntime.Use(threads, device);
                                var table = TabularData.Load(Files(context, data), 2);
                                var importance = NpyFile.Read(context.Input(rank, "importance.npy")).F;
                                var removed = FeatureRemoval.Top(importance, fraction);
                                var reduced = FeatureRemoval.Remove(table, removed);
                                using var model = Trainer.Train(reduced, train, seed, torchDevice, context.Report);
                                WriteAccuracy(context, new Accuracy(fraction, removed.Length, TestAccuracy(model, reduced, torchDevice),
                                    removed.Select(j => table.FeatureNames[j]).ToList()));
                            });
                }
            }
        }
    }

    static void Rank(UnitContext context, ExperimentConfig config, string method, int seed, int threads, string device, WorkUnit data, WorkUnit baseline)
    {
        var torchDevice = TorchRuntime.Use(threads, device);
        var table = TabularData.Load(Files(context, data), 2);
        using var model = ModelFile.Load(Files(context, baseline));
        model.to(torchDevice);
        using var scope = NewDisposeScope();
        var x = tensor(table.TrainX, [table.TrainCount, table.Features], device: torchDevice);
        int explained = table.TrainCount;
        if (method == "lime" && config.Int("roar.lime_samples") < table.TrainCount)
        {
            explained = (int)config.Int("roar.lime_samples");
            var rows = Enumerable.Range(0, table.TrainCount).ToArray();
            new Random(seed).Shuffle(rows);
            x = x.index_select(0, tensor(rows[..explained].Order().Select(r => (long)r).ToArray(), device: torchDevice));
        }
        var baselineRow = tensor(table.TrainMean(), [1, table.Features], device: torchDevice);
        var clock = Stopwatch.StartNew();
        var explainer = AttributeTarget.Create(method, config, model, table, seed, torchDevice,
            () => AgopFactor.Fit(model.forward, tensor(table.TrainX, [table.TrainCount, table.Features], device: torchDevice), config.Double("agop.tau")));
        var predicted = ClassGradient.Predict(model.forward, x);
        var attributions = explainer.Attribute(x, predicted, method == "shap" ? null : baselineRow).cpu().data<float>().ToArray();
        context.Record("attribution_seconds", clock.Elapsed.TotalSeconds);
        var importance = GlobalRanking.Importance(attributions, explained, table.Features);
        NpyFile.Write(context.Output("importance.npy"), importance, table.Features);
        var order = Enumerable.Range(0, table.Features).OrderByDescending(j => importance[j]).ThenBy(j => j);
        File.WriteAllText(context.Output("ranking.json"), JsonSerializer.Serialize(new
        {
            method, explained, ranking = order.Select(j => new { feature = table.FeatureNames[j], importance = importance[j] }),
        }));
    }

    static double TestAccuracy(Mlp model, TabularData table, Device device) =>
        TrainTarget.Accuracy(Trainer.Probabilities(model, table.TestX, table.Features, device), table.TestY, 2);

    static void WriteAccuracy(UnitContext context, Accuracy accuracy) =>
        File.WriteAllText(context.Output("accuracy.json"), JsonSerializer.Serialize(accuracy));

    static RawTable Load(string dataset, string folder) => dataset == "adult" ? AdultLoader.Load(folder) : CreditDefaultLoader.Load(folder);

    static IReadOnlyList<string> SourceFiles(string dataset, string folder) => dataset == "adult"
        ? [Path.Combine(folder, AdultLoader.TrainFile), Path.Combine(folder, AdultLoader.TestFile)]
        : [CreditDefaultLoader.FileNames.Select(n => Path.Combine(folder, n)).First(File.Exists)];
}
