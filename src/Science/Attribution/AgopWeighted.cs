using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>AGOP-Weighted ("AGOP as Explanation"): a(x) = g(x) ⊙ √(D / max_j D_j), D = diag(M) over the training set; one gradient pass.</summary>
public sealed class AgopWeighted(Func<Tensor, Tensor> model, float[] diagonal) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("agop_weighted", "AGOP-W", "∇z_c(x) ⊙ √(D / max D), D = diag of the training AGOP",
        static (_, r) => new AgopWeighted(r.Output, r.RequireAgopDiagonal()))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
        Needs = MethodNeeds.AgopDiagonal,
        Proposed = true,
    };

    readonly float[] _weights = Weights(diagonal);

    /// <summary>√(D / max D) with one scalar max over every input element.</summary>
    public static float[] Weights(float[] diagonal)
    {
        float max = diagonal.Max();
        if (!(max > 0)) throw new InvalidOperationException("diag(M) is zero everywhere (the model's input gradients vanish); AGOP-Weighted is undefined");
        return diagonal.Select(d => (float)Math.Sqrt(d / (double)max)).ToArray();
    }

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        var weights = tensor(_weights, inputs.shape.Skip(1).ToArray(), device: inputs.device);
        return ClassGradient.Compute(model, inputs, target).mul_(weights).MoveToOuterDisposeScope();
    }
}
