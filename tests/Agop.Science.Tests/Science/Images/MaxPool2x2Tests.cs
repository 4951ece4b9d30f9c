using Agop.Science.Images.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>The hand-written 2×2 max-pool against libtorch's max_pool2d, byte for byte.</summary>
public class MaxPool2x2Tests
{
    /// <summary>
    /// 8×8, 4×4, 2×2 and 16×16: the AVX2 blocks (W/2 divides 8); 301 images × 3 channels leave a remainder for the scalar loop;
    /// 2×6 and 6×6 (W/2 = 3) run the scalar loop only.
    /// </summary>
    [Theory]
    [InlineData(8, 8)]
    [InlineData(4, 4)]
    [InlineData(2, 2)]
    [InlineData(16, 16)]
    [InlineData(2, 6)]
    [InlineData(6, 6)]
    public void Values_and_gradients_are_max_pool2ds_bits_with_ties_nan_infinity_and_signed_zeros(int height, int width)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)(height * 31 + width));
        var x = randn(301, 3, height, width, generator: generator).relu(); // ReLU zeros: tied windows
        using (var half = 0.5.ToScalar()) x.narrow(0, 0, 40).fill_(half); // constant planes: every window tied
        using (var nan = double.NaN.ToScalar()) x.view(-1).narrow(0, 40 * 3 * height * width + 5, 9).fill_(nan);
        using (var minusInfinity = double.NegativeInfinity.ToScalar()) x.narrow(0, 50, 3).fill_(minusInfinity);
        using (var minusZero = (-0.0).ToScalar()) x.narrow(0, 60, 2).fill_(minusZero);
        var upstream = randn(301, 3, height / 2, width / 2, generator: generator);
        using (var minusZero = (-0.0).ToScalar()) upstream.narrow(0, 0, 20).fill_(minusZero); // libtorch's backward adds to +0
        Assert.True(MaxPool2x2.Applies(x));

        var input = x.detach().requires_grad_(true);
        var expected = nn.functional.max_pool2d(input, 2, 2);
        var expectedGradient = autograd.grad([expected], [input], [upstream])[0];

        var values = MaxPool2x2.Forward(x);
        var (chosenValues, choice) = MaxPool2x2.ForwardWithChoice(x);
        var gradient = MaxPool2x2.Backward(upstream, choice);
        Assert.Equal(expected.shape, values.shape);
        Assert.Equal(expected.detach().contiguous().bytes.ToArray(), values.bytes.ToArray());
        Assert.Equal(values.bytes.ToArray(), chosenValues.bytes.ToArray());
        Assert.Equal(expectedGradient.shape, gradient.shape);
        Assert.Equal(expectedGradient.contiguous().bytes.ToArray(), gradient.bytes.ToArray());
    }

    [Fact]
    public void Applies_only_to_contiguous_float32_cpu_images_with_even_sides()
    {
        using var scope = NewDisposeScope();
        Assert.True(MaxPool2x2.Applies(zeros(2, 4, 8, 8)));
        Assert.False(MaxPool2x2.Applies(zeros(2, 4, 9, 9)));
        Assert.False(MaxPool2x2.Applies(zeros(2, 4, 8, 8, dtype: ScalarType.Float64)));
        Assert.False(MaxPool2x2.Applies(zeros(2, 4, 8, 8).transpose(2, 3)));
        Assert.False(MaxPool2x2.Applies(zeros(4, 8, 8)));
        Assert.Throws<ArgumentException>(() => MaxPool2x2.Forward(zeros(2, 4, 9, 9)));
    }
}
