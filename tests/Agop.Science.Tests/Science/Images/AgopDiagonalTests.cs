using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>diag(M) from one batched backward, and the training-time hook (SPEC §10.4, §11.7 "AGOP").</summary>
public class AgopDiagonalTests
{
    [Fact]
    public void Batched_per_sample_gradients_equal_a_per_sample_loop()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 2);
        var x = randn(16, 1, 8, 8, generator: new TorchSharp.torch.Generator(3));
        var target = ClassGradient.Predict(model.forward, x);
        var batched = ClassGradient.Compute(model.forward, x, target);
        var looped = new float[16 * 64];
        for (int i = 0; i < 16; i++)
        {
            var xi = x.narrow(0, i, 1).detach().requires_grad_(true);
            var zi = model.forward(xi)[0, target[i].item<long>()];
            var gi = autograd.grad([zi], [xi])[0];
            gi.data<float>().ToArray().CopyTo(looped, i * 64);
        }
        var b = batched.data<float>().ToArray();
        Assert.True(b.Zip(looped, (p, q) => Math.Abs(p - q)).Max() < 1e-6);
        var diagonal = AgopDiagonal.Compute(model.forward, x, AgopTarget.Predicted, ExplainedOutput.Logit);
        for (int j = 0; j < 64; j++)
        {
            double expected = Enumerable.Range(0, 16).Average(i => (double)looped[i * 64 + j] * looped[i * 64 + j]);
            Assert.True(Math.Abs(expected - diagonal[j]) <= 1e-6 * Math.Max(1, expected), $"pixel {j}: {diagonal[j]} against {expected}");
        }
    }

    [Fact]
    public void All_outputs_target_sums_the_squared_gradients_of_every_logit()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 5);
        var x = randn(8, 1, 8, 8);
        var zero = zeros(8, dtype: ScalarType.Int64);
        var one = ones(8, dtype: ScalarType.Int64);
        var expected = ClassGradient.Compute(model.forward, x, zero).Squared().Plus(ClassGradient.Compute(model.forward, x, one).Squared()).mean([0]);
        var all = AgopDiagonal.Compute(model.forward, x, AgopTarget.AllOutputs, ExplainedOutput.Logit);
        Assert.True(allclose(tensor(all, [1, 8, 8]), expected, rtol: 1e-5, atol: 1e-9));
    }

    [Fact]
    public void Checkpoint_hook_keeps_the_weights_of_every_kth_epoch_and_accumulates_nothing()
    {
        using var scope = NewDisposeScope();
        var (x, y) = TinyImages(256, seed: 1);
        var result = ImageTrainer.Train(x, y, x.narrow(0, 0, 64), y.narrow(0, 0, 64), new ImageTrainSettings(6, 64, 5e-3, 100, true),
            new AgopHookSettings(2), seed: 0);
        Assert.Equal(new[] { 2, 4, 6 }, result.Checkpoints.Select(t => t.Epoch));
        Assert.All(result.Checkpoints, c => Assert.Equal(234, c.Weights.Length));
        if (result.Checkpoints.SingleOrDefault(c => c.Epoch == result.EpochKept) is { } kept)
            Assert.Equal(kept.Weights, CnnWeights.Flatten(result.Model));
        Assert.Empty(result.Online);
        Assert.Null(result.OnlineKept);
    }

    [Fact]
    public void Online_hook_accumulates_a_diagonal_close_to_the_exact_one()
    {
        using var scope = NewDisposeScope();
        var (x, y) = TinyImages(256, seed: 2);
        var result = ImageTrainer.Train(x, y, x.narrow(0, 0, 64), y.narrow(0, 0, 64), new ImageTrainSettings(4, 64, 1e-3, 100, true),
            new AgopHookSettings(2, new OnlineAgop(AgopTarget.Predicted, ExplainedOutput.Logit)), seed: 0);
        var exact = AgopDiagonal.Compute(result.Model.forward, x, AgopTarget.Predicted, ExplainedOutput.Logit);
        var online = result.OnlineKept!;
        Assert.Equal(64, online.Length);
        Assert.True(Agop.Statistics.Localisation.Trend.Pearson(online.Select(v => (double)v).ToList(), exact.Select(v => (double)v).ToList()) > 0.9);
        Assert.Equal(new[] { 2, 4 }, result.Online.Select(t => t.Epoch));
    }

    [Fact]
    public void Training_keeps_the_best_validation_epoch_and_is_deterministic()
    {
        using var scope = NewDisposeScope();
        var (x, y) = TinyImages(256, seed: 3);
        var settings = new ImageTrainSettings(8, 64, 1e-2, 3, false);
        var hook = new AgopHookSettings(4);
        var a = ImageTrainer.Train(x, y, x.narrow(0, 0, 64), y.narrow(0, 0, 64), settings, hook, seed: 9);
        var b = ImageTrainer.Train(x, y, x.narrow(0, 0, 64), y.narrow(0, 0, 64), settings, hook, seed: 9);
        Assert.Equal(a.EpochKept, b.EpochKept);
        Assert.Equal(a.Model.parameters().SelectMany(p => p.data<float>().ToArray()), b.Model.parameters().SelectMany(p => p.data<float>().ToArray()));
        double best = a.Log.Min(e => e.ValidationLoss);
        Assert.Equal(a.Log.Last(e => e.ValidationLoss == best).Epoch, a.EpochKept);
        Assert.True(a.EpochsRun <= 8 && a.EpochsRun - a.EpochKept <= 3, $"ran {a.EpochsRun}, kept {a.EpochKept}, patience 3");
    }

    /// <summary>Class 0 has a bright pixel at (1, 1), class 1 at (6, 6), on Gaussian noise.</summary>
    internal static (Tensor X, Tensor Y) TinyImages(int n, int seed)
    {
        var random = new Random(seed);
        var x = new float[n * 64];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 2;
            for (int j = 0; j < 64; j++) x[i * 64 + j] = (float)(Agop.Science.Data.Gaussian.Next(random) * 0.3);
            x[i * 64 + (y[i] == 0 ? 9 : 54)] += 1f;
        }
        return (tensor(x, [n, 1, 8, 8]), tensor(y));
    }
}
