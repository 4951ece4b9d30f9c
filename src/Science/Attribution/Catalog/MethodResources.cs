using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Science.Attribution.Catalog;

/// <summary>What a method may be built from; the stage fills what <see cref="MethodDescriptor.Needs"/> asks for.</summary>
public sealed record MethodResources(Mlp Model, Device Device, int Seed)
{
    public AgopFactor? Agop { get; init; }
    public Tensor? TrainMean { get; init; }
    public Tensor? TrainStd { get; init; }

    public AgopFactor RequireAgop() => Agop ?? throw new InvalidOperationException("the method needs the AGOP factor, which was not provided");
    public Tensor RequireTrainMean() => TrainMean ?? throw new InvalidOperationException("the method needs the training mean, which was not provided");
    public Tensor RequireTrainStd() => TrainStd ?? throw new InvalidOperationException("the method needs the training standard deviation, which was not provided");
}
