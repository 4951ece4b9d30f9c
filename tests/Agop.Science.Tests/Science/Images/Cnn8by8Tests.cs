using Agop.Science.Images.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>CNN8by8 as XAI-TRIS defines it (SPEC §10.3), and its He-normal initialisation.</summary>
public class Cnn8by8Tests
{
    [Fact]
    public void Has_234_parameters_two_logits_and_a_2x2_last_convolution()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 0);
        Assert.Equal(234, model.parameters().Sum(p => p.numel()));
        var x = randn(5, 1, 8, 8);
        var (logits, layers) = model.Trace(x);
        Assert.Equal(new long[] { 5, 2 }, logits.shape);
        Assert.Equal(model.LayerNames, layers.Select(l => l.Name));
        Assert.Equal(new long[] { 5, 4, 9, 9 }, layers[0].Output.shape);
        Assert.Equal(new long[] { 5, 4, 5, 5 }, layers[2].Output.shape);
        Assert.Equal(new long[] { 5, 4, 3, 3 }, layers[4].Output.shape);
        Assert.Equal(new long[] { 5, 4, 2, 2 }, layers.Single(l => l.Name == "conv4").Output.shape);
        Assert.True(allclose(logits, model.forward(x)), "Trace and forward disagree");
        var probabilities = model.Probabilities(x);
        Assert.True(allclose(probabilities.sum(1), ones(5)), "probabilities do not sum to one");
    }

    [Fact]
    public void The_segments_compose_to_the_forward_pass_and_their_hidden_outputs_are_the_traced_relus()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 2);
        var x = randn(300, 1, 8, 8);
        var (logits, layers) = model.Trace(x);
        var h = x;
        var hidden = new List<Tensor>();
        foreach (var segment in model.Segments)
        {
            h = segment(h);
            hidden.Add(h);
        }
        // The segments run every convolution as a dense map: equal to the per-image convolution up to float rounding.
        Assert.True(allclose(h, logits, rtol: 0, atol: 1e-5), $"max |Δ| = {(h - logits).abs().max().item<float>()}");
        foreach (var (name, output) in model.HiddenNames.Zip(hidden))
        {
            var traced = layers.Single(l => l.Name == name).Output;
            Assert.True(allclose(output, traced, rtol: 0, atol: 1e-5), $"{name}: max |Δ| = {(output - traced).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void The_gradient_segments_leave_out_only_the_unpooled_row_and_column_and_give_the_same_logits_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 3);
        var x = randn(9728, 1, 8, 8);
        Tensor h = x, g = x;
        var shapes = new List<long[]>();
        for (int k = 0; k < model.Segments.Count; k++)
        {
            h = model.Segments[k](h);
            g = model.GradientSegments[k](g);
            shapes.Add(g.shape);
            if (k + 1 < model.Segments.Count)
            {
                long size = g.shape[2];
                Assert.True(h.narrow(2, 0, size).narrow(3, 0, size).eq(g).all().item<bool>(), $"{model.HiddenNames[k]} differs where kept");
            }
        }
        Assert.Equal([[9728, 4, 8, 8], [9728, 4, 4, 4], [9728, 4, 2, 2], [9728, 4, 2, 2], [9728, 2]], shapes);
        Assert.True(h.eq(g).all().item<bool>(), "the logits differ");
        // the faithfulness curves' passes (at least 16 rows, up to 4,096)
        foreach (long rows in new long[] { 16, 17, 100, 700, 1000, 4096 })
        {
            var xs = x.narrow(0, 0, rows);
            Tensor full = xs, cropped = xs;
            foreach (var segment in model.Segments) full = segment(full);
            foreach (var segment in model.GradientSegments) cropped = segment(cropped);
            Assert.True(full.eq(cropped).all().item<bool>(), $"the logits differ at {rows} rows");
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(8)]
    [InlineData(5)]
    [InlineData(2)]
    public void Pooling_as_one_plane_gives_max_pool2ds_values_and_gradients_bit_for_bit_also_on_tied_windows(int size)
    {
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator((ulong)size);
        var x = randn(300, 4, size, size, generator: generator).relu(); // zeros: tied windows
        using (var half = 0.5.ToScalar()) x.narrow(0, 0, 100).fill_(half); // constant planes: every window tied
        var upstream = randn(300, 4, size / 2, size / 2, generator: generator);
        (byte[] Values, byte[] Gradient) Run(Func<Tensor, Tensor> pool)
        {
            var input = x.detach().requires_grad_(true);
            var y = pool(input);
            return (y.contiguous().bytes.ToArray(), autograd.grad([y], [input], [upstream])[0].bytes.ToArray());
        }
        var expected = Run(h => nn.functional.max_pool2d(h, 2, 2));
        var actual = Run(Cnn8by8.PoolAsOnePlane);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Gradient, actual.Gradient);
    }

    [Fact]
    public void A_dense_convolution_map_equals_the_convolution_forward_and_backward_to_the_input()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 5);
        var conv = model.Convolutions[1].Layer;
        var dense = DenseConvolution.Of(conv, Cnn8by8.Channels, 4, 4);
        var x = randn(64, Cnn8by8.Channels, 4, 4).requires_grad_(true);
        var expected = SmallConvolution.PerImage(x, conv.weight!, conv.bias!);
        var actual = dense(x);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(allclose(actual, expected, rtol: 0, atol: 1e-6), $"max |Δ| = {(actual - expected).abs().max().item<float>()}");
        var upstream = randn_like(expected);
        var gradExpected = autograd.grad([expected], [x], [upstream])[0];
        var gradActual = autograd.grad([actual], [x], [upstream])[0];
        Assert.True(allclose(gradActual, gradExpected, rtol: 0, atol: 1e-5), $"max |Δ| = {(gradActual - gradExpected).abs().max().item<float>()}");
    }

    [Fact]
    public void The_convolution_forward_equals_conv2d_and_its_input_gradient_is_the_hand_computed_one()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 6);
        var conv = model.Convolutions[1].Layer;
        var x = randn(16, Cnn8by8.Channels, 4, 4).requires_grad_(true);
        var y = SmallConvolution.PerImage(x, conv.weight!, conv.bias!);
        using (no_grad())
        {
            var reference = conv.forward(x);
            Assert.True(allclose(y, reference, rtol: 0, atol: 1e-6), $"max |Δ| = {(y - reference).abs().max().item<float>()}");
        }
        // With padding 1, every input pixel meets all four taps of every output channel, so ∂Σy/∂x[b, c, i, j] = Σ_{o,taps} w[o, c].
        var gradient = autograd.grad([y.sum()], [x])[0];
        var perChannel = conv.weight!.detach().sum([0, 2, 3]).data<float>().ToArray();
        var values = gradient.data<float>().ToArray();
        for (int i = 0; i < values.Length; i++)
            Assert.Equal(perChannel[i / 16 % Cnn8by8.Channels], values[i], 5);
    }

    [Fact]
    public void Batched_logit_gradients_equal_central_differences()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 7);
        model.to(ScalarType.Float64);
        var x = randn(12, 1, 8, 8, dtype: ScalarType.Float64, generator: new TorchSharp.torch.Generator(11)).requires_grad_(true);
        var gradient = autograd.grad([model.forward(x).select(1, 1).sum()], [x])[0].data<double>().ToArray();
        var baseline = x.detach().data<double>().ToArray();
        using var noGrad = no_grad();
        foreach (int i in new[] { 0, 7, 63, 5 * 64 + 30, 11 * 64 + 56 })
        {
            double Logit(double delta)
            {
                var shifted = (double[])baseline.Clone();
                shifted[i] += delta;
                return model.forward(tensor(shifted, [12, 1, 8, 8])).select(1, 1).sum().item<double>();
            }
            double difference = (Logit(1e-6) - Logit(-1e-6)) / 2e-6;
            Assert.True(Math.Abs(difference - gradient[i]) < 1e-6, $"pixel {i}: autograd {gradient[i]}, central difference {difference}");
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        using var scope = NewDisposeScope();
        using var a = new Cnn8by8(seed: 3);
        using var b = new Cnn8by8(seed: 3);
        using var c = new Cnn8by8(seed: 4);
        var pa = a.parameters().Select(p => p.data<float>().ToArray()).SelectMany(v => v).ToArray();
        Assert.Equal(pa, b.parameters().Select(p => p.data<float>().ToArray()).SelectMany(v => v).ToArray());
        Assert.NotEqual(pa, c.parameters().Select(p => p.data<float>().ToArray()).SelectMany(v => v).ToArray());
    }

    [Fact]
    public void He_normal_gives_std_sqrt_2_over_fan_in_within_two_percent_on_a_1000x1000_layer()
    {
        using var scope = NewDisposeScope();
        using var layer = nn.Linear(1000, 1000);
        HeNormal.Initialize(layer, new Random(7));
        double std = layer.weight!.std().item<float>();
        double expected = Math.Sqrt(2.0 / 1000);
        Assert.InRange(std / expected, 0.98, 1.02);
        Assert.InRange(layer.weight.mean().item<float>(), -0.001, 0.001);
        double bound = 1 / Math.Sqrt(1000);
        Assert.True(layer.bias!.abs().max().item<float>() <= bound, "bias outside PyTorch's default U(−1/√fan_in, 1/√fan_in)");
    }

    [Fact]
    public void Saved_model_loads_with_identical_outputs()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 1);
        string folder = Directory.CreateTempSubdirectory("cnn").FullName;
        try
        {
            CnnModelFile.Save(model, folder);
            using var loaded = CnnModelFile.Load(folder);
            var x = randn(7, 1, 8, 8);
            Assert.Equal(model.forward(x).data<float>().ToArray(), loaded.forward(x).data<float>().ToArray());
        }
        finally { Directory.Delete(folder, true); }
    }
}
