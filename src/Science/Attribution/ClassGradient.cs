using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Batched ∇_x f_c(x) of the target class logit (never of the loss), one autograd pass per chunk.</summary>
public static class ClassGradient
{
    /// <summary>Samples are independent (no batch statistics), so the gradient of Σ_i f_{c_i}(x_i) holds every per-sample gradient.</summary>
    public static Tensor Compute(Func<Tensor, Tensor> model, Tensor inputs, Tensor target, int chunk = 16384) =>
        Batching.Chunked(inputs.shape[0], chunk, (start, count) => Once(model, inputs.narrow(0, start, count), target.narrow(0, start, count)));

    static Tensor Once(Func<Tensor, Tensor> model, Tensor inputs, Tensor target)
    {
        using var enable = enable_grad();
        var x = inputs.detach().requires_grad_(true);
        var selected = model(x).gather(1, target.view(-1, 1).to(ScalarType.Int64)).sum();
        return autograd.grad([selected], [x])[0].detach();
    }

    public static Tensor Predict(Func<Tensor, Tensor> model, Tensor inputs)
    {
        using var noGrad = no_grad();
        return model(inputs).argmax(1);
    }
}
