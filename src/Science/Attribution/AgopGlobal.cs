using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>AGOP-Global ("AGOP as Explanation"): a(x) = D = diag(M), the same non-negative map for every input; at inference a file read.</summary>
public sealed class AgopGlobal(float[] diagonal) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("agop_global", "AGOP-G", "diag(M) of the training AGOP, the same map for every input",
        static (_, r) => new AgopGlobal(r.RequireAgopDiagonal()))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
        Needs = MethodNeeds.AgopDiagonal,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        var map = tensor(diagonal, inputs.shape.Skip(1).ToArray(), dtype: inputs.dtype, device: inputs.device);
        return map.unsqueeze(0).expand(inputs.shape).contiguous().MoveToOuterDisposeScope();
    }
}
