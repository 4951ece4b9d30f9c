using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>AGOP-Local ("AGOP as Explanation"): the per-sample gradient g(x) = ∇_x z_c(x), signed (VanillaGrad without the abs).</summary>
public sealed class AgopLocal(Func<Tensor, Tensor> model) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("agop_local", "AGOP-L", "g(x) = ∇z_c(x), signed (the AGOP's per-sample factor)",
        static (_, r) => new AgopLocal(r.Output))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null) => ClassGradient.Compute(model, inputs, target);
}
