using Agop.Science.Attribution.Catalog;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// Integrated Gradients: a = (x − b) ⊙ Σ_k ω_k ∇f_c(b + α_k(x − b)), the class pinned to <c>target</c> along the whole path.
/// Rules: m right-endpoint Riemann steps (α_k = k/m, ω_k = 1/m; the tabular default) or Captum's default m-point
/// Gauss–Legendre rule (the image default, zero baseline). All steps of a chunk of samples go through one batched pass;
/// <c>rowsPerPass</c> bounds memory and changes nothing else.
/// </summary>
public sealed class IntegratedGradients(Func<Tensor, Tensor> model, int steps, string rule = IntegratedGradients.RiemannRight, int rowsPerPass = 32768)
    : IAttributionMethod
{
    public const string RiemannRight = "riemann_right", GaussLegendreRule = "gausslegendre";
    public const string BaselineOption = "baseline";

    public static readonly MethodDescriptor Descriptor = new("ig", "Integrated Gradients",
        "(x − b) ⊙ Σ ω_k ∇f_c(b + α_k(x − b)): m right-endpoint steps from the training mean b (tabular), m-point Gauss–Legendre from 0, the training mean or the blurred input (images)",
        static (s, r) => new IntegratedGradients(r.Output, (int)s.Int("steps"), s.Text("rule")))
    {
        Options =
        [
            new MethodOption("steps", 50L, "Integrated Gradients steps (path points)", Min: 1, Max: 100_000),
            new MethodOption("rule", RiemannRight, "riemann_right or gausslegendre (Captum's default)", ImageDefault: GaussLegendreRule,
                Allowed: [RiemannRight, GaussLegendreRule]),
            new MethodOption(BaselineOption, ImageBaselines.Zero, "the path's start b: zero (Captum's and XAI-TRIS's default), the per-pixel training mean, or the RISE blur of the input",
                Allowed: ImageBaselines.Kinds, AppliesTo: Modalities.Image),
        ],
        Modalities = Modalities.Tabular | Modalities.Image,
    };

    readonly (double[] Alphas, double[] Weights) _rule = rule switch
    {
        RiemannRight => (Enumerable.Range(1, steps).Select(k => k / (double)steps).ToArray(), Enumerable.Repeat(1.0 / steps, steps).ToArray()),
        GaussLegendreRule => GaussLegendre.Rule(steps),
        _ => throw new ArgumentException($"unknown Integrated Gradients rule '{rule}' (expected {RiemannRight} or {GaussLegendreRule})"),
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        var baseline = baselines ?? zeros_like(inputs);
        long n = inputs.shape[0];
        return Batching.Chunked(n, rowsPerPass / steps, (start, count) =>
        {
            var x = inputs.narrow(0, start, count);
            var b = baseline.shape[0] == n ? baseline.narrow(0, start, count) : baseline.expand_as(x);
            var delta = x - b;
            // path points laid out step-major: rows [k·count + i]
            var shape = new long[] { steps }.Concat(Enumerable.Repeat(1L, (int)x.dim())).ToArray();
            var alphas = tensor(_rule.Alphas, dtype: inputs.dtype, device: inputs.device).view(shape);
            var weights = tensor(_rule.Weights, dtype: inputs.dtype, device: inputs.device).view(shape);
            var path = b.unsqueeze(0).Plus(alphas * delta.unsqueeze(0)).flatten(0, 1);
            var pathTarget = target.narrow(0, start, count).repeat(steps);
            var gradients = ClassGradient.Compute(model, path, pathTarget).view(new long[] { steps }.Concat(x.shape).ToArray());
            // the Riemann rule's weights are all 1/m: a mean keeps it bit-identical to the earlier implementation
            return delta * (rule == RiemannRight ? gradients.mean([0]) : (gradients * weights).sum([0]));
        }).MoveToOuterDisposeScope();
    }
}
