using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Faithfulness;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods.Images;

/// <summary><c>image.methods.ig.baseline</c>: zero (the default, unchanged), the per-pixel training mean, or the RISE blur.</summary>
public class ImageBaselineTests
{
    static MethodSettings Options(string baseline) => new("ig", new SortedDictionary<string, object>(StringComparer.Ordinal)
    {
        ["steps"] = 20L, ["rule"] = IntegratedGradients.GaussLegendreRule, [IntegratedGradients.BaselineOption] = baseline,
    });

    [Fact]
    public void The_option_exists_only_on_images_and_defaults_to_zero()
    {
        var option = IntegratedGradients.Descriptor.OptionsFor(Modalities.Image).Single(o => o.Name == "baseline");
        Assert.Equal("zero", option.DefaultFor(Modalities.Image));
        Assert.DoesNotContain(IntegratedGradients.Descriptor.OptionsFor(Modalities.Tabular), o => o.Name == "baseline");
    }

    [Fact]
    public void Train_mean_ig_of_a_linear_model_is_the_difference_from_the_mean_times_the_weight_and_complete()
    {
        using var scope = NewDisposeScope();
        var generator = new torch.Generator(7);
        var weights = randn([16, 2], generator: generator);
        Tensor Model(Tensor images) => images.flatten(1).matmul(weights);
        var train = randn([30, 1, 4, 4], generator: generator);
        var x = randn([5, 1, 4, 4], generator: generator);
        var target = tensor(new long[] { 0, 1, 1, 0, 1 });

        var baseline = ImageBaselines.For(Options("train_mean"), x, () => train)!;
        Assert.Equal(new long[] { 1, 1, 4, 4 }, baseline.shape);
        var ig = new IntegratedGradients(Model, 20, IntegratedGradients.GaussLegendreRule).Attribute(x, target, baseline);

        var mean = train.mean([0], keepdim: true);
        var expected = (x - mean).flatten(1) * weights.index_select(1, target).t();
        Assert.True(allclose(ig.flatten(1), expected, rtol: 1e-5, atol: 1e-6));
        // completeness: Σ a = f_c(x) − f_c(b)
        var gap = Model(x).gather(1, target.unsqueeze(1)).squeeze(1) - Model(mean.expand_as(x)).gather(1, target.unsqueeze(1)).squeeze(1);
        Assert.True(allclose(ig.flatten(1).sum([1]), gap, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Zero_leaves_the_method_its_own_default_and_blur_is_the_rise_blur_of_each_input()
    {
        using var scope = NewDisposeScope();
        var x = randn([3, 1, 8, 8], generator: new torch.Generator(3));
        Assert.Null(ImageBaselines.For(Options("zero"), x, () => throw new InvalidOperationException("zero must not read the training data")));
        var noOption = new MethodSettings("vanilla_grad", new SortedDictionary<string, object>(StringComparer.Ordinal));
        Assert.Null(ImageBaselines.For(noOption, x, () => throw new InvalidOperationException("unused")));
        Assert.True(allclose(ImageBaselines.For(Options("blur"), x, () => x)!, RiseBlur.Apply(x), rtol: 0, atol: 0));
    }
}
