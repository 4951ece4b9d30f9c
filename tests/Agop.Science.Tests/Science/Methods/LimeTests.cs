using Agop.Science.Attribution;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>LIME: the weight ranking of a linear model, determinism.</summary>
public class LimeTests
{
    [Fact]
    public void Lime_recovers_the_weight_ranking_of_a_linear_model_and_is_deterministic()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 0.4f, -0.25f, 0.1f, 0.02f, 0 });
        Tensor Model(Tensor x) => stack([x.matmul(w), zeros(x.shape[0])], 1);
        using var scale = 0.5.ToScalar();
        var x = randn(6, 5, generator: new TorchSharp.torch.Generator(2)).mul(scale);
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
}
