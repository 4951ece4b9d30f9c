using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods.Images;

/// <summary>The image methods of SPEC §10.4 against hand-computable cases and their defining properties.</summary>
public class ImageMethodTests
{
    static (Cnn8by8 Model, Tensor X, Tensor Target) Setup(int n = 12)
    {
        var model = new Cnn8by8(seed: 11);
        var x = randn(n, 1, 8, 8, generator: new TorchSharp.torch.Generator(12));
        return (model, x, ClassGradient.Predict(model.forward, x));
    }

    [Fact]
    public void Agop_weighted_equals_the_gradient_when_diag_M_is_constant_and_scales_it_otherwise()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup();
        var g = ClassGradient.Compute(model.forward, x, target);
        var constant = Enumerable.Repeat(0.37f, 64).ToArray();
        Assert.True(allclose(new AgopWeighted(model.forward, constant).Attribute(x, target), g));
        var d = Enumerable.Range(0, 64).Select(j => (float)(j + 1)).ToArray();
        var expected = g * tensor(d.Select(v => (float)Math.Sqrt(v / 64.0)).ToArray(), [1, 8, 8]);
        Assert.True(allclose(new AgopWeighted(model.forward, d).Attribute(x, target), expected, rtol: 1e-6, atol: 1e-8));
        Assert.Throws<InvalidOperationException>(() => new AgopWeighted(model.forward, new float[64]));
    }

    [Fact]
    public void Agop_global_is_the_same_map_for_every_input_and_agop_local_is_the_signed_gradient()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup();
        var d = Enumerable.Range(0, 64).Select(j => (float)(j % 7)).ToArray();
        var global = new AgopGlobal(d).Attribute(x, target);
        Assert.Equal(x.shape, global.shape);
        for (int i = 0; i < x.shape[0]; i++) Assert.Equal(d, global[i].flatten().data<float>().ToArray());
        var local = new AgopLocal(model.forward).Attribute(x, target);
        Assert.True(allclose(local, ClassGradient.Compute(model.forward, x, target)));
        Assert.True(allclose(new VanillaGradient(model.forward).Attribute(x, target), local.abs()));
        using var zero = 0.ToScalar();
        Assert.True(local.lt(zero).any().item<bool>(), "AGOP-L should keep the gradient's sign");
    }

    [Fact]
    public void Integrated_gradients_gauss_legendre_is_complete_within_one_percent_on_a_smooth_net()
    {
        using var scope = NewDisposeScope();
        // ReLU-free and smooth: z = W2 tanh(W1 x)
        using var scale = 0.3.ToScalar();
        var w1 = randn(16, 64, generator: new TorchSharp.torch.Generator(1)).mul(scale);
        var w2 = randn(3, 16, generator: new TorchSharp.torch.Generator(2));
        Tensor Net(Tensor input) => tanh(input.flatten(1).matmul(w1.t())).matmul(w2.t());
        var x = randn(10, 1, 8, 8, generator: new TorchSharp.torch.Generator(3));
        var target = ClassGradient.Predict(Net, x);
        var a = new IntegratedGradients(Net, 50, IntegratedGradients.GaussLegendreRule).Attribute(x, target);
        Tensor Selected(Tensor input) { using var _ = no_grad(); return Net(input).gather(1, target.view(-1, 1)).squeeze(1); }
        var gap = Selected(x) - Selected(zeros_like(x));
        using var floor = 1e-6.ToScalar();
        var error = (a.flatten(1).sum(1) - gap).abs() / gap.abs().clamp_min(floor);
        Assert.True(error.max().item<float>() < 0.01, $"completeness error {error.max().item<float>()}");
    }

    [Fact]
    public void Multi_evaluation_methods_give_identical_results_for_any_internal_batch_size()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup(9);
        var igSmall = new IntegratedGradients(model.forward, 10, IntegratedGradients.GaussLegendreRule, rowsPerPass: 20).Attribute(x, target);
        var igLarge = new IntegratedGradients(model.forward, 10, IntegratedGradients.GaussLegendreRule, rowsPerPass: 100_000).Attribute(x, target);
        Assert.Equal(igLarge.data<float>().ToArray(), igSmall.data<float>().ToArray());
        var sgSmall = new SmoothGrad(model.forward, 7, 0.15, SmoothGrad.Paper, seed: 4, rowsPerPass: 7).Attribute(x, target);
        var sgLarge = new SmoothGrad(model.forward, 7, 0.15, SmoothGrad.Paper, seed: 4, rowsPerPass: 100_000).Attribute(x, target);
        Assert.Equal(sgLarge.data<float>().ToArray(), sgSmall.data<float>().ToArray());
    }

    [Fact]
    public void Stochastic_methods_draw_per_sample_streams_so_a_subset_gets_the_same_values()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup(6);
        var all = new RandomAttribution(seed: 3).Attribute(x, target);
        var firstTwo = new RandomAttribution(seed: 3).Attribute(x.narrow(0, 0, 2), target.narrow(0, 0, 2));
        Assert.Equal(all.narrow(0, 0, 2).data<float>().ToArray(), firstTwo.data<float>().ToArray());
        Assert.True(all.abs().max().item<float>() <= 1f);
        Assert.NotEqual(all.data<float>().ToArray(), new RandomAttribution(seed: 4).Attribute(x, target).data<float>().ToArray());
        var smooth = new SmoothGrad(model.forward, 5, 0.15, SmoothGrad.Paper, seed: 3).Attribute(x, target);
        var smoothTwo = new SmoothGrad(model.forward, 5, 0.15, SmoothGrad.Paper, seed: 3).Attribute(x.narrow(0, 0, 2), target.narrow(0, 0, 2));
        Assert.Equal(smooth.narrow(0, 0, 2).data<float>().ToArray(), smoothTwo.data<float>().ToArray());
    }

    [Fact]
    public void Smoothgrad_with_zero_noise_is_the_gradient_and_the_captum_preset_averages_magnitudes()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup();
        var g = ClassGradient.Compute(model.forward, x, target);
        Assert.True(allclose(new SmoothGrad(model.forward, 4, 0.0, SmoothGrad.Paper, seed: 1).Attribute(x, target), g, rtol: 1e-5, atol: 1e-7));
        var captum = new SmoothGrad(model.forward, 50, 0.15, SmoothGrad.CaptumDefault, seed: 1).Attribute(x, target);
        using var zero = 0.ToScalar();
        Assert.True(captum.ge(zero).all().item<bool>(), "the Captum preset wraps Saliency (|g|)");
        Assert.Throws<ArgumentException>(() => new SmoothGrad(model.forward, 4, 0.1, "other", seed: 1));
    }

    [Fact]
    public void Deep_shap_on_a_convolutional_model_fails_naming_the_supported_modules()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 0);
        var error = Assert.Throws<NotSupportedException>(() => DeepShap.Descriptor.Create(
            new MethodSettings("shap", new SortedDictionary<string, object> { ["background"] = 10L }), new MethodResources(model, CPU, 0)));
        Assert.Contains("Linear, ReLU", error.Message);
        Assert.Contains("Cnn8by8", error.Message);
    }

    [Fact]
    public void Attribution_of_the_probability_differs_from_the_logit_and_follows_the_softmax_chain_rule()
    {
        using var scope = NewDisposeScope();
        var (model, x, target) = Setup(4);
        var resources = new MethodResources(model, CPU, 0) { ExplainProbability = true };
        var probability = AgopLocal.Descriptor.Create(new MethodSettings("agop_local", new()), resources).Attribute(x, target);
        // for two classes, ∂p_c/∂x = p_c (1 − p_c) ∂(z_c − z_other)/∂x
        var p = nn.functional.softmax(model.forward(x), 1).gather(1, target.view(-1, 1)).squeeze(1).detach();
        using var one = 1.ToScalar();
        var other = target.negative().Plus(one).to(ScalarType.Int64);
        var diff = ClassGradient.Compute(model.forward, x, target) - ClassGradient.Compute(model.forward, x, other);
        var expected = (p * p.negative().Plus(one)).view(-1, 1, 1, 1) * diff;
        Assert.True(allclose(probability, expected, rtol: 1e-4, atol: 1e-7));
    }
}
