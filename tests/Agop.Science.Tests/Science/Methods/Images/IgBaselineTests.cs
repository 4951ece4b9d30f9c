using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Faithfulness;
using Agop.Science.Images.Models;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods.Images;

/// <summary><c>image.methods.ig.baseline</c>: zero (unchanged), the per-pixel training mean, or the RISE-blurred input.</summary>
public class IgBaselineTests
{
    static MethodSettings Settings(string baseline, long steps = 50)
    {
        var ig = IntegratedGradients.Descriptor;
        return MethodSettings.Read(ig, key => key == ig.OptionKey("baseline", Modalities.Image) ? baseline
            : key == ig.OptionKey("steps", Modalities.Image) ? steps
            : ig.Options.Single(o => key == ig.OptionKey(o.Name, Modalities.Image)).DefaultFor(Modalities.Image), Modalities.Image);
    }

    static Tensor Attribute(MethodSettings settings, Cnn8by8 model, Tensor x, Tensor target, Tensor train) =>
        IntegratedGradients.Descriptor.Create(settings, new MethodResources(model, CPU, 0))
            .Attribute(x, target, ImageBaselines.For(settings, x, () => train));

    [Fact]
    public void Completeness_holds_from_the_training_mean()
    {
        using var scope = NewDisposeScope();
        var model = new Cnn8by8(seed: 3);
        var train = randn(200, 1, 8, 8, generator: new Generator(4));
        var x = randn(16, 1, 8, 8, generator: new Generator(5));
        var target = ClassGradient.Predict(model.forward, x);
        var settings = Settings(ImageBaselines.TrainMean, steps: 400);
        var mean = ImageBaselines.For(settings, x, () => train)!;
        Assert.Equal(new long[] { 1, 1, 8, 8 }, mean.shape);
        Assert.True(allclose(mean, train.mean([0], keepdim: true)));

        var a = Attribute(settings, model, x, target, train);
        var logits = model.forward(x).detach();
        var baseLogits = model.forward(mean.expand_as(x)).detach();
        var gap = logits.gather(1, target.unsqueeze(1)).squeeze(1) - baseLogits.gather(1, target.unsqueeze(1)).squeeze(1);
        var error = (a.flatten(1).sum(1) - gap).abs();
        double scale = gap.abs().mean().item<float>();
        Assert.True(scale > 1e-3, $"the test needs a non-trivial logit gap, got {scale}");
        Assert.True(error.mean().item<float>() < 0.01 * scale, $"mean completeness error {error.mean().item<float>()} against a mean gap {scale}");
        var zero = Attribute(Settings(ImageBaselines.Zero, steps: 400), model, x, target, train);
        Assert.False(allclose(a, zero), "the training-mean baseline should change the attributions");
    }

    [Fact]
    public void Zero_is_bit_identical_to_the_method_without_baselines()
    {
        using var scope = NewDisposeScope();
        var model = new Cnn8by8(seed: 6);
        var x = randn(10, 1, 8, 8, generator: new Generator(7));
        var target = ClassGradient.Predict(model.forward, x);
        var settings = Settings(ImageBaselines.Zero);
        Assert.Null(ImageBaselines.For(settings, x, () => throw new InvalidOperationException("zero reads no training images")));
        var before = new IntegratedGradients(model.forward, 50, IntegratedGradients.GaussLegendreRule).Attribute(x, target);
        Assert.True(before.eq(Attribute(settings, model, x, target, x)).all().item<bool>(), "the zero baseline changed the output");
    }

    [Fact]
    public void Blur_is_the_insertion_curves_start_and_the_tabular_block_has_no_baseline_option()
    {
        using var scope = NewDisposeScope();
        var x = randn(3, 1, 8, 8, generator: new Generator(8));
        Assert.True(ImageBaselines.For(Settings(ImageBaselines.Blur), x, () => x)!.eq(RiseBlur.Apply(x)).all().item<bool>());
        Assert.DoesNotContain(IntegratedGradients.Descriptor.OptionsFor(Modalities.Tabular), o => o.Name == IntegratedGradients.BaselineOption);
    }
}
