using Agop.Science.Data;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution.Catalog;

/// <summary>Builds a method and its baselines from a descriptor for a model trained on a table; shared by every stage that attributes.</summary>
public static class MethodSetup
{
    /// <param name="agop">Called only when the method needs the AGOP factor.</param>
    public static IAttributionMethod Create(MethodDescriptor method, MethodSettings settings, nn.Module<Tensor, Tensor> model, TabularData table, int seed, Device device,
        Func<AgopFactor> agop)
    {
        var resources = new MethodResources(model, device, seed);
        if (method.Needs.HasFlag(MethodNeeds.AgopFactor)) resources = resources with { Agop = agop() };
        if (method.Needs.HasFlag(MethodNeeds.TrainingStatistics))
        {
            var (mean, std) = ColumnStatistics(table);
            resources = resources with { TrainMean = tensor(mean, device: device), TrainStd = tensor(std, device: device) };
        }
        return method.Create(settings, resources);
    }

    /// <summary>
    /// <see cref="Create(MethodDescriptor, MethodSettings, nn.Module{Tensor, Tensor}, TabularData, int, Device, Func{AgopFactor})"/> for a
    /// stage without a FitAgop unit: the AGOP factor, when the method needs one, is fitted on the table's training rows.
    /// </summary>
    public static IAttributionMethod CreateFittingAgop(MethodDescriptor method, MethodSettings settings, nn.Module<Tensor, Tensor> model, TabularData table,
        int seed, Device device, double? agopTau) =>
        Create(method, settings, model, table, seed, device, FittedAgop(model, table, device, agopTau));

    /// <summary>The AGOP factor fitted on the table's training rows with <paramref name="tau"/>, when a method asks for it.</summary>
    public static Func<AgopFactor> FittedAgop(nn.Module<Tensor, Tensor> model, TabularData table, Device device, double? tau) => () =>
        AgopFactor.Fit(model.forward, tensor(table.TrainX, [table.TrainCount, table.Features], device: device),
            tau ?? throw new InvalidOperationException("the method needs the AGOP factor but agop.tau was not read"));

    /// <summary>What the stage passes as <c>baselines</c> under the method's policy.</summary>
    public static Tensor? Baselines(MethodDescriptor method, MethodSettings settings, TabularData table, int seed, Device device) => method.Baseline switch
    {
        BaselinePolicy.None => null,
        BaselinePolicy.TrainingMean => tensor(table.TrainMean(), [1, table.Features], device: device),
        BaselinePolicy.BackgroundSample => BackgroundSample(table, (int)Math.Min(settings.Int("background"), table.TrainCount), seed, device),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method.Baseline, "unknown baseline policy"),
    };

    /// <summary>A seeded sample of training rows, kept in training-set order.</summary>
    static Tensor BackgroundSample(TabularData table, int count, int seed, Device device)
    {
        var rows = Enumerable.Range(0, table.TrainCount).ToArray();
        new Random(seed).Shuffle(rows);
        var picked = rows[..count].Order().SelectMany(r => table.TrainX.AsSpan(r * table.Features, table.Features).ToArray()).ToArray();
        return tensor(picked, [count, table.Features], device: device);
    }

    /// <summary>Per-feature training mean and (population) standard deviation, floored at 1e-12.</summary>
    static (float[] Mean, float[] Std) ColumnStatistics(TabularData table)
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
