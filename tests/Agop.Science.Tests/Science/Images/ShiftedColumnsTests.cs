using Agop.Tests.Support;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>
/// The hand-made convolution columns and their gradient against libtorch's pad and stack under autograd (what
/// <see cref="SmallConvolution.Apply"/> runs), byte for byte; and CNN8by8 training's layer-by-layer gradients against one
/// autograd call over the whole stack.
/// </summary>
public class ShiftedColumnsTests
{
    /// <summary>Batches of 5 (the scalar loop only), 19 (vector lanes and a remainder) and 16; 8×8, 4×4, 2×2 and 1×1 planes.</summary>
    [Theory]
    [InlineData(2, 3, 8, 8, 5)]
    [InlineData(1, 4, 4, 4, 19)]
    [InlineData(3, 4, 2, 2, 16)]
    [InlineData(2, 1, 1, 1, 16)]
    [InlineData(1, 2, 3, 5, 9)]
    public void Columns_and_their_gradient_are_pad_and_stacks_bits(long g, long c, long height, long width, long batch)
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)(g * 1000 + c * 100 + height * 10 + batch));
        var h = randn([g, c, height, width, batch], generator: generator);
        using (var minusZero = (-0.0).ToScalar()) h.view(-1).narrow(0, 3, 2).fill_(minusZero);
        var weight = randn([g, 4, c, 2, 2], generator: generator);
        var bias = randn([g, 4], generator: generator);
        var upstream = randn([g, 4, height + 1, width + 1, batch], generator: generator);
        // Magnitudes 1e-4 … 1e4: the order of the four gradients' sum shows in the bits.
        using (var four = 4.ToScalar()) upstream.mul_(exp(randn(upstream.shape, generator: generator).mul_(four)));
        using (var minusZero = (-0.0).ToScalar()) upstream.view(-1).narrow(0, 0, 7).fill_(minusZero);

        var input = h.detach().requires_grad_(true);
        var expected = SmallConvolution.Apply(input, weight, bias);
        var expectedGradient = autograd.grad([expected], [input], [upstream])[0];

        Assert.True(ShiftedColumns.Applies(h));
        var columns = ShiftedColumns.Forward(h);
        Assert.Equal(new[] { g, c, 4, height + 1, width + 1, batch }, columns.shape);
        var leaf = columns.requires_grad_(true);
        var product = weight.reshape(g, 4, c * 4).baddbmm(leaf.view(g, c * 4, -1), bias.reshape(g, 4, 1)).view(g, 4, height + 1, width + 1, batch);
        Assert.Equal(expected.detach().contiguous().bytes.ToArray(), product.detach().contiguous().bytes.ToArray());
        var columnGradient = autograd.grad([product], [leaf], [upstream])[0];
        var gradient = ShiftedColumns.Backward(columnGradient, h.shape);
        Assert.Equal(expectedGradient.shape, gradient.shape);
        Assert.Equal(expectedGradient.contiguous().bytes.ToArray(), gradient.bytes.ToArray());
    }

    [Fact]
    public void Applies_only_to_contiguous_float32_cpu_activations_with_five_dimensions()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        Assert.True(ShiftedColumns.Applies(zeros([2, 4, 8, 8, 3])));
        Assert.False(ShiftedColumns.Applies(zeros(2, 4, 8, 8)));
        Assert.False(ShiftedColumns.Applies(zeros([2, 4, 8, 8, 3], dtype: ScalarType.Float64)));
        Assert.False(ShiftedColumns.Applies(zeros([2, 4, 8, 8, 3]).transpose(2, 3)));
        Assert.Throws<ArgumentException>(() => ShiftedColumns.Forward(zeros(2, 4, 8, 8)));
        Assert.Throws<ArgumentException>(() => ShiftedColumns.Backward(zeros(5), [2, 4, 8, 8, 3]));
    }

    /// <summary>
    /// A stack of 1 and of 3 CNN8by8s at their initial weights and after some Adam steps: losses and all ten gradients, and
    /// the logits without autograd (validation's forward pass, by hand) against those with it.
    /// </summary>
    [Theory]
    [InlineData(1, 512)]
    [InlineData(3, 64)]
    [InlineData(3, 7)]
    public void Training_gradients_layer_by_layer_are_one_autograd_calls_bits(int members, int batch)
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var stack = new StackedCnn(Enumerable.Range(0, members).Select(k =>
        {
            using var template = new Cnn8by8(11 * k + 3);
            return CnnWeights.Flatten(template);
        }).ToList(), CPU);
        var generator = new TorchSharp.torch.Generator(17);
        var labels = randint(0, 2, [members, batch], generator: generator);
        Tensor Losses(Tensor logits) => nn.functional.cross_entropy(logits.reshape(-1, 2), labels.reshape(-1), reduction: nn.Reduction.None)
            .view(members, batch).mean([1]);
        using var optimizer = new Agop.Science.Training.GroupedAdam(stack.Parameters, 5e-2, perMember: true);
        for (int step = 0; step < 4; step++)
        {
            var x = randn([members, batch, 1, 8, 8], generator: generator);
            var expectedLogits = stack.Logits(x);
            using (no_grad())
                Assert.Equal(expectedLogits.detach().contiguous().bytes.ToArray(), stack.Logits(x).contiguous().bytes.ToArray());
            var expectedLosses = Losses(expectedLogits);
            var expected = autograd.grad([expectedLosses.sum()], stack.Parameters.ToList());
            var (losses, gradients) = stack.LossAndGradients(x, Losses);
            Assert.Equal(expectedLosses.detach().bytes.ToArray(), losses.detach().bytes.ToArray());
            Assert.Equal(expected.Count, gradients.Count);
            for (int p = 0; p < expected.Count; p++)
                Assert.True(expected[p].contiguous().bytes.ToArray().AsSpan().SequenceEqual(gradients[p].contiguous().bytes.ToArray()),
                    $"step {step}: the gradient of parameter {p} differs");
            optimizer.Step(gradients);
        }
        stack.Dispose();
    }
}
