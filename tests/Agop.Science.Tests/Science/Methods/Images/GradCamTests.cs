using Agop.Science.Attribution;
using Agop.Science.Images.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods.Images;

/// <summary>GradCAM against its formula on CNN8by8's last convolution, and the upsampling mode.</summary>
public class GradCamTests
{
    [Fact]
    public void Matches_the_formula_relu_of_channel_weighted_activations_upsampled_nearest()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 21);
        var x = randn(6, 1, 8, 8, generator: new TorchSharp.torch.Generator(22));
        var target = ClassGradient.Predict(model.forward, x);
        var map = new GradCam(model, "conv4", GradCam.Nearest, relu: true, explainProbability: false).Attribute(x, target);
        Assert.Equal(x.shape, map.shape);

        // by hand: A = conv4 output (N×4×2×2); ∂z_c/∂A through ReLU → 2×2 max-pool → Linear(4, 2)
        var (logits, layers) = model.Trace(x);
        var a = layers.Single(l => l.Name == "conv4").Output;
        var gradient = autograd.grad([logits.gather(1, target.view(-1, 1)).sum()], [a])[0];
        var weights = gradient.mean([2, 3], keepdim: true);
        var cam = nn.functional.relu((weights * a).sum(1, keepdim: true)).detach();
        for (int i = 0; i < 6; i++)
            for (int r = 0; r < 8; r++)
                for (int c = 0; c < 8; c++)
                    Assert.Equal(cam[i, 0, r / 4, c / 4].item<float>(), map[i, 0, r, c].item<float>(), 6);
        using var zero = 0.ToScalar();
        Assert.True(map.ge(zero).all().item<bool>());
    }

    [Fact]
    public void Bilinear_upsampling_is_honoured_and_differs_from_nearest()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 23);
        var x = randn(4, 1, 8, 8, generator: new TorchSharp.torch.Generator(24));
        var target = ClassGradient.Predict(model.forward, x);
        var nearest = new GradCam(model, "conv4", GradCam.Nearest, relu: false, explainProbability: false).Attribute(x, target);
        var bilinear = new GradCam(model, "conv4", GradCam.Bilinear, relu: false, explainProbability: false).Attribute(x, target);
        // nearest keeps 4×4 blocks of ties; bilinear interpolates between block centres
        Assert.Equal(nearest[0, 0, 0, 0].item<float>(), nearest[0, 0, 3, 3].item<float>());
        Assert.False(allclose(nearest, bilinear));
        Assert.True(allclose(nearest.mean([2, 3]), bilinear.mean([2, 3]), rtol: 1e-4, atol: 1e-6),
            "bilinear upsampling (align_corners = false) of a 2×2 map keeps its mean");
        Assert.Throws<ArgumentException>(() => new GradCam(model, "conv9", GradCam.Nearest, true, false).Attribute(x, target));
    }
}
