using Agop.Tests.Support;
using TorchSharp;
using Agop.Science.Attribution;
using Agop.Science.Models;
using TorchSharp.Modules;
using static Agop.Tests.Support.TestNets;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>DeepSHAP: completeness, the rescale rule by hand, exact Shapley values of a linear model.</summary>
public class DeepShapTests
{
    [Fact]
    public void DeepShap_completeness_holds_to_float_precision()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var model = new Mlp(12, [32, 32, 16], 4, seed: 6);
        var x = randn(40, 12, generator: new TorchSharp.torch.Generator(7));
        var background = randn(25, 12, generator: new TorchSharp.torch.Generator(8));
        var target = ClassGradient.Predict(model.forward, x);
        var phi = new DeepShap(model, pairsPerPass: 128).Attribute(x, target, background);
        var expected = Logit(model, x, target) - model.forward(background).index_select(1, target).mean([0]);
        Assert.True(allclose(phi.sum(1), expected, rtol: 1e-4, atol: 1e-4), $"max error {(phi.sum(1) - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void DeepShap_on_a_one_hidden_unit_relu_network_follows_the_rescale_rule_by_hand()
    {
        using var threads = TorchThreads.Pin(1);
        // h = relu(x0 + x1 − 1), f = 3h + 0.5. x = (2, 1): z = 2; background (0, 0): z = −1.
        // Rescale multiplier (2 − 0)/(2 − (−1)) = 2/3, so φ = x ⊙ (3 · 2/3 · (1, 1)) = (4, 2); Σφ = 6 = f(x) − f(b).
        using var scope = NewDisposeScope();
        var model = new Mlp(2, [1], 1, seed: 0);
        SetLinear(model, 0, [1, 1], [-1]);
        SetLinear(model, 2, [3], [0.5f]);
        var phi = new DeepShap(model).Attribute(tensor(new float[] { 2, 1 }, [1, 2]), tensor(new long[] { 0 }), zeros(1, 2));
        Assert.Equal([4f, 2f], phi.data<float>().ToArray().Select(v => MathF.Round(v, 5)));
        // the plain gradient would give x ⊙ ∇f = (6, 3): DeepLIFT is not input×gradient here
    }

    [Fact]
    public void DeepShap_equals_exact_shapley_values_on_a_linear_model()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        // hidden biases of +100 keep every ReLU active, so f_c(x) = v_cᵀx + const with v = W2 W1
        var model = new Mlp(3, [4], 2, seed: 0);
        SetLinear(model, 0, [1, 0, 2, -1, 0.5f, 1, 0, 0, -1, 3, 1, 1], [100, 100, 100, 100]);
        SetLinear(model, 2, [1, -1, 0.5f, 2, 0, 1, 1, -2], [0, 0]);
        var x = tensor(new float[] { 0.5f, -1, 2 }, [1, 3]);
        var background = randn(30, 3, generator: new TorchSharp.torch.Generator(1));
        var phi = new DeepShap(model).Attribute(x, tensor(new long[] { 1 }), background);
        var w1 = ((Linear)model.Layers[0]).weight!;
        var v = ((Linear)model.Layers[2]).weight![1].matmul(w1);
        var exact = v * (x[0] - background.mean([0])); // Shapley values of a linear function with independent features
        Assert.True(allclose(phi[0], exact, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void The_fused_rescale_step_gives_the_bits_of_libtorchs_ops_with_equal_inputs_tiny_differences_signed_zeros_and_nan()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(21);
        const long count = 7, pairs = 5, width = 37; // 37: a vector loop and a scalar remainder
        var sample = randn(count, width, generator: generator);
        var background = randn(pairs, width, generator: generator);
        // the edge cases in the vector loop (columns 0–8) and in the scalar remainder (32–36, with 8 or 16 lanes)
        foreach (var (at, run) in new[] { (0, 4), (32, 1) })
        {
            background.narrow(1, at, run).copy_(sample.narrow(0, 0, 1).narrow(1, at, run).expand(pairs, run)); // Δz = 0 exactly
            using (var tiny = 3e-7.ToScalar()) background.narrow(1, at + run, 1).copy_(Agop.Science.Torch.Scalars.Plus(sample.narrow(0, 0, 1).narrow(1, at + run, 1), tiny).expand(pairs, 1)); // |Δz| < ε
            using (var minusZero = (-0.0).ToScalar()) sample.narrow(1, at + run + 1, 1).fill_(minusZero);
            using (var plusZero = 0.0.ToScalar()) background.narrow(1, at + run + 2, 1).fill_(plusZero);
            using (var plusZero = 0.0.ToScalar()) sample.narrow(0, 0, 3).narrow(1, at + run + 2, 1).fill_(plusZero); // z = 0 on both: slope 0
            using (var nan = double.NaN.ToScalar()) sample.narrow(1, at + run + 3, 1).fill_(nan);
        }
        var multiplier = randn(count, pairs, width, generator: generator);
        using (var minusZero = (-0.0).ToScalar()) multiplier.narrow(2, 9, 1).fill_(minusZero);
        foreach (var m in new[] { multiplier, multiplier.narrow(0, 0, 1).narrow(1, 0, 1).expand(count, pairs, width) }) // also a broadcast view
        {
            Assert.True(RescaleStep.TryApply(m, sample, background, 1e-6, out var fused));
            using var zero = 0.ToScalar();
            using var epsilon = 1e-6.ToScalar();
            var zx = sample.unsqueeze(1);
            var zb = background.unsqueeze(0);
            var dz = zx - zb;
            var rescale = (nn.functional.relu(zx) - nn.functional.relu(zb)) / dz;
            var slope = zx.gt(zero).to(zx.dtype).expand_as(dz);
            var expected = m * where(dz.abs().lt(epsilon), slope, rescale);
            Assert.Equal(expected.contiguous().bytes.ToArray(), fused!.bytes.ToArray());
        }
        Assert.False(RescaleStep.TryApply(multiplier.to(ScalarType.Float64), sample.to(ScalarType.Float64), background.to(ScalarType.Float64), 1e-6, out _));
    }

    [Fact]
    public void DeepShap_with_the_fused_rescale_step_is_bit_identical_to_libtorchs_ops()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var model = new Mlp(12, [32, 32, 16], 3, seed: 4);
        var x = randn(50, 12, generator: new TorchSharp.torch.Generator(5));
        var background = randn(20, 12, generator: new TorchSharp.torch.Generator(6));
        var target = ClassGradient.Predict(model.forward, x);
        var fused = new DeepShap(model, pairsPerPass: 200).Attribute(x, target, background);
        var plain = new DeepShap(model, pairsPerPass: 200, fusedRescale: false).Attribute(x, target, background);
        Assert.Equal(plain.contiguous().bytes.ToArray(), fused.contiguous().bytes.ToArray());
    }
}
