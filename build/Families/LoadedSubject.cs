using Agop.Science.Faithfulness;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Families;

/// <summary>What a subject's inputs are perturbed towards (SPEC §11.2), one policy per kind of input.</summary>
public enum ReferencePolicy
{
    /// <summary>Tabular: the training mean for insertion's start and deletion's substrate (the replacement ROAR uses).</summary>
    TrainingMean,
    /// <summary>Images: insertion starts from the RISE blur of x, deletion replaces by 0.</summary>
    BlurAndZero,
}

/// <summary>A subject loaded for scoring: its model, its test samples as one tensor (n × d, or n × 1 × H × W) and their labels.</summary>
public sealed class LoadedSubject(nn.Module<Tensor, Tensor> model, Tensor testX, long[] testY, ReferencePolicy references, Tensor? trainMean = null)
    : IDisposable
{
    public nn.Module<Tensor, Tensor> Model { get; } = model;
    public ISegmentedModel Segmented => (ISegmentedModel)Model;
    public Tensor TestX { get; } = testX;
    public long[] TestY { get; } = testY;

    /// <summary>Where insertion starts for the samples <paramref name="x"/>.</summary>
    public Tensor InsertionStart(Tensor x) => references == ReferencePolicy.BlurAndZero ? RiseBlur.Apply(x) : RequireMean().expand_as(x);

    /// <summary>What deletion puts in place of a removed feature.</summary>
    public Tensor DeletionSubstrate() => references == ReferencePolicy.BlurAndZero ? zeros(1, device: TestX.device) : RequireMean();

    Tensor RequireMean() => trainMean ?? throw new InvalidOperationException("a tabular subject needs its training mean");

    public void Dispose()
    {
        Model.Dispose();
        TestX.Dispose();
        trainMean?.Dispose();
    }

    /// <summary>A tabular subject: the table's test rows, with the training mean as both references.</summary>
    public static LoadedSubject Tabular(Mlp model, Agop.Science.Data.TabularData table, Device device)
    {
        model.to(device);
        var x = tensor(table.TestX, [table.TestCount, table.Features], device: device).DetachFromDisposeScope();
        var mean = tensor(table.TrainMean(), [1, table.Features], device: device).DetachFromDisposeScope();
        return new LoadedSubject(model, x, table.TestY, ReferencePolicy.TrainingMean, mean);
    }
}
