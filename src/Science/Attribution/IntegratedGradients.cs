using Agop.Science.Attribution.Catalog;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// Integrated Gradients with m right-endpoint Riemann steps: a = (x − b) ⊙ (1/m) Σ_{k=1..m} ∇f_c(b + (k/m)(x − b)),
/// the class pinned to <c>target</c> along the whole path. All steps of a chunk of samples go through one batched pass.
/// </summary>
public sealed class IntegratedGradients(Func<Tensor, Tensor> model, int steps, int rowsPerPass = 32768) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("ig", "Integrated Gradients",
        "(x − b) ⊙ mean of ∇f_c over m right-endpoint steps from the training mean b",
        static (s, r) => new IntegratedGradients(r.Model.forward, (int)s.Int("steps")))
    {
        Options = [new MethodOption("steps", 50L, "Integrated Gradients right-endpoint steps", Min: 1, Max: 100_000)],
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
            // alphas k/m, k = 1..m, laid out step-major: rows [k·count + i]
            var alphas = arange(1, steps + 1, dtype: inputs.dtype, device: inputs.device).div(steps);
            var shape = new long[] { steps }.Concat(Enumerable.Repeat(1L, (int)x.dim())).ToArray();
            var path = (b.unsqueeze(0) + alphas.view(shape) * delta.unsqueeze(0)).flatten(0, 1);
            var pathTarget = target.narrow(0, start, count).repeat(steps);
            var gradients = ClassGradient.Compute(model, path, pathTarget).view(new long[] { steps }.Concat(x.shape).ToArray());
            return delta * gradients.mean([0]);
        }).MoveToOuterDisposeScope();
    }
}
