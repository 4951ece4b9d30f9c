using Agop.Science.Attribution;
using Agop.Science.Models;
using TorchSharp;
using static Agop.Tests.Support.TestNets;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>Integrated Gradients: completeness against the step count.</summary>
public class IntegratedGradientsTests
{
    [Fact]
    public void Integrated_gradients_completeness_error_shrinks_with_steps_and_is_small_at_fifty()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(10, [64, 64, 32], 3, seed: 4);
        using var scale = 1.5.ToScalar();
        var x = randn(64, 10, generator: new TorchSharp.torch.Generator(5)).mul(scale);
        var b = zeros(1, 10);
        var target = ClassGradient.Predict(model.forward, x);
        var gap = Logit(model, x, target) - Logit(model, b.expand(64, 10), target);
        double Error(int steps) =>
            (new IntegratedGradients(model.forward, steps).Attribute(x, target, b).sum(1) - gap).abs().mean().item<float>();
        double e5 = Error(5), e20 = Error(20), e50 = Error(50), e400 = Error(400);
        Assert.True(e20 < e5 && e50 < e20 && e400 < e50, $"errors {e5} {e20} {e50} {e400}");
        Assert.True(e50 < 0.02 * gap.abs().mean().item<float>(), $"mean completeness error {e50} at 50 steps");
    }
}
