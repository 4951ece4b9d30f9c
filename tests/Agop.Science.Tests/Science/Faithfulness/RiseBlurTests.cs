using Agop.Science.Faithfulness;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>RISE's 11×11 blur (SPEC §11.2): scipy-reflect kernel values, k kᵀ, zero padding, per channel.</summary>
public class RiseBlurTests
{
    static readonly double[] Spec = [0.087958, 0.088896, 0.090474, 0.092191, 0.093489, 0.093982, 0.093489, 0.092191, 0.090474, 0.088896, 0.087958];

    [Fact]
    public void The_1d_kernel_matches_the_spec_values_and_sums_to_one()
    {
        var k = RiseBlur.Kernel1D();
        Assert.Equal(11, k.Length);
        for (int i = 0; i < 11; i++) Assert.True(Math.Abs(k[i] - Spec[i]) < 1e-6, $"k[{i}] = {k[i]}, SPEC {Spec[i]}");
        Assert.Equal(1.0, k.Sum(), 12);
    }

    [Fact]
    public void Blur_of_a_centred_delta_is_k_kT_and_channels_stay_apart_with_zero_padding()
    {
        using var scope = NewDisposeScope();
        var images = zeros([1, 2, 11, 11], dtype: ScalarType.Float64);
        images[0, 0, 5, 5] = tensor(1.0, dtype: ScalarType.Float64);
        images[0, 1] = ones(11, 11, dtype: ScalarType.Float64);
        var blurred = RiseBlur.Apply(images);
        Assert.Equal(images.shape, blurred.shape);
        var delta = blurred[0, 0].contiguous().data<double>().ToArray();
        var expected = RiseBlur.Kernel2D();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], delta[i], 12);
        // the constant channel: the centre sees the whole kernel (sum 1), a corner only a quarter-ish of it (zero padding)
        var constant = blurred[0, 1];
        Assert.Equal(1.0, constant[5, 5].item<double>(), 12);
        double corner = constant[0, 0].item<double>();
        double cornerExpected = RiseBlur.Kernel1D().Skip(5).Sum() * RiseBlur.Kernel1D().Skip(5).Sum();
        Assert.Equal(cornerExpected, corner, 12);
    }

    [Fact]
    public void Float32_images_keep_their_dtype()
    {
        using var scope = NewDisposeScope();
        var blurred = RiseBlur.Apply(ones(3, 1, 8, 8));
        Assert.Equal(ScalarType.Float32, blurred.dtype);
        Assert.Equal(new long[] { 3, 1, 8, 8 }, blurred.shape);
    }
}
