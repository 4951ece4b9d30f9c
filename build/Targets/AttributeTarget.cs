using System.Diagnostics;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Formats;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Data;
using Agop.Science.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets;

/// <summary>Every enabled method on every test sample, explaining the predicted class; one unit per (dataset, seed, method).</summary>
[DependsOn(typeof(FitAgopTarget))]
public sealed class AttributeTarget : ExperimentTarget
{
    public override string Description => "attributions of the test set, one unit per method";
    protected override int LogicVersion => 1;

    /// <summary>The config keys each method reads (its units rerun only when these change).</summary>
    public static string[] MethodKeys(string method) => method switch
    {
        "ig" => ["methods.ig.steps"],
        "shap" => ["methods.shap.background"],
        "lime" => ["methods.lime.samples", "methods.lime.kernel_width", "methods.lime.ridge_alpha", "methods.lime.shared_neighbourhood"],
        _ => [],
    };

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        int classes = (int)config.Int("synthetic.classes");
        var (threads, device) = (plan.Settings.Threads, plan.Settings.Device);
        foreach (var (dataset, seed) in DatasetSeeds(config))
            foreach (var method in config.Strings("methods.enabled"))
            {
                var data = plan.Unit(GenerateId(dataset, seed));
                var trained = plan.Unit(TrainId(dataset, seed));
                var inputs = new List<WorkUnit> { data, trained };
                if (method == "agop_ixg") inputs.Add(plan.Unit(FitAgopId(dataset, seed)));
                yield return Unit(AttributeId(dataset, seed, method),
                    Slice(config, MethodKeys(method), ("method", method), ("seed", (long)seed), ("device", device)), inputs,
                    context =>
                    {
                        var torchDevice = TorchRuntime.Use(threads, device);
                        var table = TabularData.Load(Files(context, data), classes);
                        using var model = ModelFile.Load(Files(context, trained));
                        model.to(torchDevice);
                        using var scope = NewDisposeScope();
                        var x = tensor(table.TestX, [table.TestCount, table.Features], device: torchDevice);
                        var baseline = tensor(table.TrainMean(), [1, table.Features], device: torchDevice);
                        var explainer = Create(method, config, model, table, seed, torchDevice,
                            () => AgopFactor.Load(Files(context, inputs[2])));
                        var predicted = ClassGradient.Predict(model.forward, x);
                        var clock = Stopwatch.StartNew();
                        // DeepSHAP's reference is its background sample set, given at construction; the others use the training mean.
                        var attribution = explainer.Attribute(x, predicted, method == "shap" ? null : baseline).cpu();
                        context.Record("attribution_seconds", clock.Elapsed.TotalSeconds);
                        NpyFile.Write(context.Output("attributions_test.npy"), attribution.data<float>().ToArray(), table.TestCount, table.Features);
                        NpyFile.Write(context.Output("predicted_test.npy"), predicted.cpu().data<long>().ToArray(), table.TestCount);
                    });
            }
    }

    public static IAttributionMethod Create(string method, ExperimentConfig config, Mlp model, TabularData table, int seed, Device device,
        Func<AgopFactor> agop)
    {
        switch (method)
        {
            case "agop_ixg":
                return new AgopInputXGradient(model.forward, agop());
            case "ixg":
                return new InputXGradient(model.forward);
            case "ig":
                return new IntegratedGradients(model.forward, (int)config.Int("methods.ig.steps"));
            case "shap":
                {
                    int count = (int)Math.Min(config.Int("methods.shap.background"), table.TrainCount);
                    var rows = Enumerable.Range(0, table.TrainCount).ToArray();
                    new Random(seed).Shuffle(rows);
                    var picked = rows[..count].Order().SelectMany(r => table.TrainX.AsSpan(r * table.Features, table.Features).ToArray()).ToArray();
                    return new DeepShap(model, tensor(picked, [count, table.Features], device: device));
                }
            case "lime":
                {
                    var (mean, std) = ColumnStats(table);
                    return new Lime(model.forward, tensor(mean, device: device), tensor(std, device: device),
                        (int)config.Int("methods.lime.samples"), config.Double("methods.lime.kernel_width"),
                        config.Double("methods.lime.ridge_alpha"), seed, config.Bool("methods.lime.shared_neighbourhood"));
                }
            default:
                throw new ArgumentException($"unknown method '{method}'");
        }
    }

    static (float[] Mean, float[] Std) ColumnStats(TabularData table)
    {
        var mean = table.TrainMean();
        var std = new float[table.Features];
        for (int j = 0; j < table.Features; j++)
        {
            double sum = 0;
            for (int i = 0; i < table.TrainCount; i++) { double d = table.TrainX[i * table.Features + j] - mean[j]; sum += d * d; }
            std[j] = (float)Math.Max(Math.Sqrt(sum / table.TrainCount), 1e-12);
        }
        return (mean, std);
    }
}
