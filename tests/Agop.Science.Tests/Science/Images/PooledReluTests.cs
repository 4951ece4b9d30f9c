using Agop.Science.Images.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>The hand-written relu(pool) of CNN8by8 training against libtorch's relu(SmallConvolution.Pool) under autograd, byte for byte.</summary>
public class PooledReluTests
{
    /// <summary>CNN8by8's 9×9, 5×5, 3×3 and 2×2 (odd sides: a last row and column no window reads), and 4×6; batches of 5 (scalar only), 16 and 19.</summary>
    [Theory]
    [InlineData(9, 9, 19)]
    [InlineData(5, 5, 16)]
    [InlineData(3, 3, 5)]
    [InlineData(2, 2, 19)]
    [InlineData(4, 6, 16)]
    public void Values_and_gradients_are_libtorchs_bits_with_ties_nan_infinity_and_signed_zeros(long height, long width, long batch)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)(height * 100 + width * 10 + batch));
        var a = randn([3, 4, height, width, batch], generator: generator);
        a.view(-1).narrow(0, 0, a.numel() / 3).relu_(); // zeros: tied windows
        using (var half = 0.5.ToScalar()) a.narrow(0, 1, 1).narrow(1, 0, 1).fill_(half); // a constant plane: every window tied
        using (var nan = double.NaN.ToScalar()) a.view(-1).narrow(0, a.numel() / 2 + 3, 11).fill_(nan);
        using (var minusInfinity = double.NegativeInfinity.ToScalar()) a.narrow(0, 2, 1).narrow(1, 1, 1).fill_(minusInfinity);
        using (var minusZero = (-0.0).ToScalar()) a.narrow(0, 2, 1).narrow(1, 2, 1).fill_(minusZero);
        var upstream = randn([3, 4, height / 2, width / 2, batch], generator: generator);
        using (var minusZero = (-0.0).ToScalar()) upstream.narrow(0, 0, 1).fill_(minusZero);
        using (var nan = double.NaN.ToScalar()) upstream.view(-1).narrow(0, upstream.numel() - 4, 2).fill_(nan);
        Assert.True(PooledRelu.Applies(a));

        var input = a.detach().requires_grad_(true);
        var expected = nn.functional.relu(SmallConvolution.Pool(input));
        var expectedGradient = autograd.grad([expected], [input], [upstream])[0];

        var (values, choice) = PooledRelu.Forward(a);
        var gradient = PooledRelu.Backward(upstream, values, choice);
        choice.Dispose();
        Assert.Throws<ObjectDisposedException>(() => PooledRelu.Backward(upstream, values, choice));
        Assert.Equal(expected.shape, values.shape);
        Assert.Equal(expected.detach().contiguous().bytes.ToArray(), values.bytes.ToArray());
        Assert.Equal(expectedGradient.shape, gradient.shape);
        Assert.Equal(expectedGradient.contiguous().bytes.ToArray(), gradient.bytes.ToArray());
    }

    [Fact]
    public void Applies_only_to_contiguous_float32_cpu_activations_with_sides_of_two_or_more()
    {
        using var scope = NewDisposeScope();
        Assert.True(PooledRelu.Applies(zeros([2, 4, 9, 9, 3])));
        Assert.False(PooledRelu.Applies(zeros([2, 4, 1, 1, 3])));
        Assert.False(PooledRelu.Applies(zeros([2, 4, 8, 8])));
        Assert.False(PooledRelu.Applies(zeros([2, 4, 8, 8, 3], dtype: ScalarType.Float64)));
        Assert.False(PooledRelu.Applies(zeros([2, 4, 8, 8, 3]).transpose(2, 3)));
        Assert.Throws<ArgumentException>(() => PooledRelu.Forward(zeros([2, 4, 1, 1, 3])));
    }
}
