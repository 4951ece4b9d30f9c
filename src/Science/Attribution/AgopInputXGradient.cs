using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>AGOP-IxG: a = (x − b) ⊙ F(Fᵀ g) with g = ∇_x f_c(x); the d×d matrix M_K is never formed.</summary>
public sealed class AgopInputXGradient(Func<Tensor, Tensor> model, AgopFactor agop) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("agop_ixg", "AGOP-IxG",
        "(x − b) ⊙ F Fᵀ ∇f_c(x): the gradient projected on the model's top AGOP eigenvectors",
        static (_, r) => new AgopInputXGradient(r.Model.forward, r.RequireAgop()))
    {
        Needs = MethodNeeds.AgopFactor,
        Proposed = true,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        var g = ClassGradient.Compute(model, inputs, target).flatten(1);
        var f = agop.FactorTensor(inputs.device);
        var smoothed = g.matmul(f).matmul(f.t()).view(inputs.shape);
        var delta = baselines is null ? inputs : inputs - baselines;
        return (delta * smoothed).MoveToOuterDisposeScope();
    }
}
