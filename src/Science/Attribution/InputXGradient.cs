using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Captum's InputXGradient: a = x ⊙ ∇_x f_c(x), no baseline.</summary>
public sealed class InputXGradient(Func<Tensor, Tensor> model) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("ixg", "InputXGradient", "x ⊙ ∇f_c(x) (Captum), no baseline",
        static (_, r) => new InputXGradient(r.Model.forward))
    {
        Baseline = BaselinePolicy.None,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        return (inputs * ClassGradient.Compute(model, inputs, target)).MoveToOuterDisposeScope();
    }
}
