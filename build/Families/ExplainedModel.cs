using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Families;

/// <summary>
/// A trained model as an attribution method sees it: the model, and what a method may need from its training data (the AGOP, the
/// training statistics, a background sample, a baseline), each made on demand under the policy of the model's kind of input.
/// </summary>
public abstract class ExplainedModel(nn.Module<Tensor, Tensor> model, Device device, int seed)
{
    public nn.Module<Tensor, Tensor> Model { get; } = model;
    public Device Device { get; } = device;
    public int Seed { get; } = seed;

    /// <summary>The method, built with what its <see cref="MethodDescriptor.Needs"/> ask for.</summary>
    public abstract IAttributionMethod Create(MethodDescriptor method, MethodSettings options);

    /// <summary>What the method is given as <c>baselines</c> for the inputs <paramref name="x"/>.</summary>
    public abstract Tensor? Baselines(MethodDescriptor method, MethodSettings options, Tensor x);
}

/// <summary>
/// An MLP on a table: baselines by the method's <see cref="BaselinePolicy"/> (the training mean, a seeded background sample), the AGOP
/// factor from a FitAgop unit or fitted on the training rows.
/// </summary>
public sealed class TabularModel(nn.Module<Tensor, Tensor> model, TabularData table, Device device, int seed, Func<AgopFactor> agop)
    : ExplainedModel(model, device, seed)
{
    public TabularData Table { get; } = table;

    /// <summary>A stage without a FitAgop unit: the factor, when a method needs it, is fitted on the training rows with <paramref name="tau"/>.</summary>
    public static TabularModel FittingAgop(nn.Module<Tensor, Tensor> model, TabularData table, Device device, int seed, double? tau) =>
        new(model, table, device, seed, MethodSetup.FittedAgop(model, table, device, tau));

    public override IAttributionMethod Create(MethodDescriptor method, MethodSettings options) =>
        MethodSetup.Create(method, options, Model, Table, Seed, Device, agop);

    public override Tensor? Baselines(MethodDescriptor method, MethodSettings options, Tensor x) =>
        MethodSetup.Baselines(method, options, Table, Seed, Device);
}

/// <summary>
/// A CNN on images: the explained output (logit or probability), diag(M) from a FitAgopImage unit, and the start of a path method by
/// its <c>baseline</c> option (zero, the training mean image, the RISE blur of each input).
/// </summary>
public sealed class ImageModel(nn.Module<Tensor, Tensor> model, Device device, int seed, bool explainProbability, Func<float[]>? agopDiagonal,
    Func<Tensor> trainX) : ExplainedModel(model, device, seed)
{
    public override IAttributionMethod Create(MethodDescriptor method, MethodSettings options) =>
        method.Create(options, new MethodResources(Model, Device, Seed) { ExplainProbability = explainProbability, AgopDiagonal = agopDiagonal });

    public override Tensor? Baselines(MethodDescriptor method, MethodSettings options, Tensor x) => ImageBaselines.For(options, x, trainX);
}
