using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Captum's Saliency with its default abs = true: a = |∇_x z_c(x)|.</summary>
public sealed class VanillaGradient(Func<Tensor, Tensor> model) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("vanilla_grad", "VanillaGrad", "|∇z_c(x)| (Captum Saliency, abs = true)",
        static (_, r) => new VanillaGradient(r.Output))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        return ClassGradient.Compute(model, inputs, target).abs().MoveToOuterDisposeScope();
    }
}
