using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution.Catalog;

/// <summary>What a method may be built from; the stage fills what <see cref="MethodDescriptor.Needs"/> asks for.</summary>
public sealed record MethodResources(nn.Module<Tensor, Tensor> Model, Device Device, int Seed)
{
    /// <summary>The output explained: the logits by default, softmax probabilities under <c>image.attr_output: prob</c>.</summary>
    public bool ExplainProbability { get; init; }
    public AgopFactor? Agop { get; init; }
    /// <summary>diag(M) shaped like one input; read on first use (AGOP-Global's attribution time is this read).</summary>
    public Func<float[]>? AgopDiagonal { get; init; }
    public Tensor? TrainMean { get; init; }
    public Tensor? TrainStd { get; init; }

    /// <summary>The function whose class-c component a gradient method differentiates.</summary>
    public Func<Tensor, Tensor> Output => (ExplainProbability ? ExplainedOutput.Probability : ExplainedOutput.Logit).Of(Model.forward);

    public float[] RequireAgopDiagonal() => (AgopDiagonal ?? throw new InvalidOperationException("the method needs diag(M), which was not provided"))();

    /// <summary>The model as one with named layers, or an error that names what the method supports.</summary>
    public ILayeredModel RequireLayered(string method, string supported) => Model as ILayeredModel
        ?? throw new NotSupportedException($"{method} needs a model with named layers ({supported}); {Model.GetType().Name} has none");

    public AgopFactor RequireAgop() => Agop ?? throw new InvalidOperationException("the method needs the AGOP factor, which was not provided");
    public Tensor RequireTrainMean() => TrainMean ?? throw new InvalidOperationException("the method needs the training mean, which was not provided");
    public Tensor RequireTrainStd() => TrainStd ?? throw new InvalidOperationException("the method needs the training standard deviation, which was not provided");
}
