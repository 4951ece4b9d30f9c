using Agop.Science.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// XT's init_he_normal: kaiming_normal_ (fan_in, gain √2, std = √(2/fan_in)) on every Conv2d and Linear weight; biases keep
/// PyTorch's default U(−1/√fan_in, 1/√fan_in). Drawn from a seeded stream so parallel units stay deterministic.
/// </summary>
public static class HeNormal
{
    public static void Initialize(nn.Module module, Random random)
    {
        using var noGrad = no_grad();
        // named_modules() leaves out the module itself; a bare layer is initialised too
        var modules = module.named_modules().Select(m => m.module).Prepend(module).Distinct(ReferenceEqualityComparer.Instance).Cast<nn.Module>();
        foreach (var child in modules)
        {
            var (weight, bias) = child switch
            {
                Conv2d c => (c.weight!, c.bias),
                Linear l => (l.weight!, l.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            int fanIn = (int)(weight.numel() / weight.shape[0]);
            Fill(weight, () => Gaussian.Next(random) * Math.Sqrt(2.0 / fanIn));
            if (bias is not null)
            {
                double bound = 1.0 / Math.Sqrt(fanIn);
                Fill(bias, () => (random.NextDouble() * 2 - 1) * bound);
            }
        }
    }

    public static void Fill(Tensor parameter, Func<double> draw)
    {
        var values = new float[parameter.numel()];
        for (int i = 0; i < values.Length; i++) values[i] = (float)draw();
        using var source = tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }
}
