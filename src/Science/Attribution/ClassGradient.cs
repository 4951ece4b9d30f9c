using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Batched ∇_x f_c(x) of the target class logit (never of the loss), one autograd pass per chunk.</summary>
public static class ClassGradient
{
    /// <summary>Samples are independent (no batch statistics), so the gradient of Σ_i f_{c_i}(x_i) holds every per-sample gradient.</summary>
    public static Tensor Compute(Func<Tensor, Tensor> model, Tensor inputs, Tensor target, int chunk = 16384)
    {
        long n = inputs.shape[0];
        if (n <= chunk) return Once(model, inputs, target);
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += chunk)
        {
            long count = Math.Min(chunk, n - start);
            parts.Add(Once(model, inputs.narrow(0, start, count), target.narrow(0, start, count)));
        }
        var all = cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        return all;
    }

    static Tensor Once(Func<Tensor, Tensor> model, Tensor inputs, Tensor target)
    {
        using var scope = NewDisposeScope();
        using var enable = enable_grad();
        var x = inputs.detach().requires_grad_(true);
        var selected = model(x).gather(1, target.view(-1, 1).to(ScalarType.Int64)).sum();
        var gradient = autograd.grad([selected], [x])[0];
        return gradient.detach().MoveToOuterDisposeScope();
    }

    public static Tensor Predict(Func<Tensor, Tensor> model, Tensor inputs)
    {
        using var noGrad = no_grad();
        return model(inputs).argmax(1);
    }
}
