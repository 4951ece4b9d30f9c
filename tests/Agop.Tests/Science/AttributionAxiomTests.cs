using Agop.Science.Attribution;
using Agop.Science.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Tests.Science;

public class AttributionAxiomTests
{
    static Tensor Logit(Mlp model, Tensor x, Tensor target)
    {
        using var noGrad = no_grad();
        return model.forward(x).gather(1, target.view(-1, 1)).squeeze(1);
    }

    static void SetLinear(Mlp model, int index, float[] weight, float[] bias)
    {
        var layer = (Linear)model.Layers[index];
        using var noGrad = no_grad();
        layer.weight!.copy_(tensor(weight).reshape(layer.weight.shape));
        layer.bias!.copy_(tensor(bias));
    }

    [Fact]
    public void Integrated_gradients_completeness_error_shrinks_with_steps_and_is_small_at_fifty()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(10, [64, 64, 32], 3, seed: 4);
        var x = randn(64, 10, generator: new TorchSharp.torch.Generator(5)) * 1.5;
        var b = zeros(1, 10);
        var target = ClassGradient.Predict(model.forward, x);
        var gap = Logit(model, x, target) - Logit(model, b.expand(64, 10), target);
        double Error(int steps) =>
            (new IntegratedGradients(model.forward, steps).Attribute(x, target, b).sum(1) - gap).abs().mean().item<float>();
        double e5 = Error(5), e20 = Error(20), e50 = Error(50), e400 = Error(400);
        Assert.True(e20 < e5 && e50 < e20 && e400 < e50, $"errors {e5} {e20} {e50} {e400}");
        Assert.True(e50 < 0.02 * gap.abs().mean().item<float>(), $"mean completeness error {e50} at 50 steps");
    }

    [Fact]
    public void DeepShap_completeness_holds_to_float_precision()
    {
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
    public void Lime_recovers_the_weight_ranking_of_a_linear_model_and_is_deterministic()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 0.4f, -0.25f, 0.1f, 0.02f, 0 });
        Tensor Model(Tensor x) => stack([x.matmul(w), zeros(x.shape[0])], 1);
        var x = randn(6, 5, generator: new TorchSharp.torch.Generator(2)) * 0.5;
        var target = zeros(6, dtype: ScalarType.Int64);
        var lime = new Lime(Model, zeros(5), ones(5), samples: 3000, kernelWidthFactor: 0.75, ridgeAlpha: 1, seed: 3);
        var a = lime.Attribute(x, target);
        for (int i = 0; i < 6; i++)
        {
            var order = a[i].abs().argsort(descending: true).data<long>().ToArray();
            Assert.Equal([0L, 1, 2, 3, 4], order);
            Assert.True(a[i][0].item<float>() > 0 && a[i][1].item<float>() < 0);
        }
        float[] Values(int seed, bool shared = true) => new Lime(Model, zeros(5), ones(5), 3000, 0.75, 1, seed, shared).Attribute(x, target).data<float>().ToArray();
        Assert.Equal(a.data<float>().ToArray(), Values(3));
        Assert.NotEqual(a.data<float>().ToArray(), Values(4));
        // independent draws per sample (lime's own loop) agree with the shared neighbourhood up to sampling noise
        var independent = Values(3, shared: false);
        Assert.Equal(independent, Values(3, shared: false));
        var sharedValues = a.data<float>().ToArray();
        for (int i = 0; i < sharedValues.Length; i++) Assert.Equal(sharedValues[i], independent[i], tolerance: 0.02);
    }

    [Fact]
    public void Methods_accept_any_input_shape()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(12, [8], 2, seed: 1);
        var x = randn(5, 3, 4, generator: new TorchSharp.torch.Generator(1));
        var target = ClassGradient.Predict(model.forward, x);
        IAttributionMethod[] methods =
        [
            new InputXGradient(model.forward), new IntegratedGradients(model.forward, 8),
            new DeepShap(model), new Lime(model.forward, zeros(12), ones(12), 50, 0.75, 1, 0),
        ];
        foreach (var method in methods)
            Assert.Equal(x.shape, method.Attribute(x, target, method is DeepShap ? randn(4, 3, 4) : zeros(1, 3, 4)).shape);
    }
}
