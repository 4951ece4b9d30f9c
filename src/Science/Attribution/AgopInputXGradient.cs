using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>AGOP-IxG: a = (x − b) ⊙ F(Fᵀ g) with g = ∇_x f_c(x); the d×d matrix M_K is never formed.</summary>
public sealed class AgopInputXGradient(Func<Tensor, Tensor> model, AgopFactor agop) : IAttributionMethod
{
    public string Name => "agop_ixg";

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
