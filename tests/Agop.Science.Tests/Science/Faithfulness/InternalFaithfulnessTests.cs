using Agop.Science.Faithfulness;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>Activation deviation, activation preservation and the spurious-activation rate (SPEC §11.3).</summary>
public class InternalFaithfulnessTests
{
    [Fact]
    public void Inserting_from_x_itself_gives_zero_deviation_full_preservation_and_no_spurious_units()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(5);
        var mlp = new Mlp(20, [16, 8], 3, seed: 2);
        var x = randn(12, 20, generator: generator);
        var scores = new InternalFaithfulness(mlp).Compute(x, randn(12, 20, generator: generator), x);
        Assert.All(scores.ActivationDeviation, v => Assert.Equal(0.0, v));
        Assert.All(scores.ActivationPreservation, v => Assert.Equal(1.0, v));
        Assert.All(scores.SpuriousRate, v => Assert.Equal(0.0, v));

        using var cnn = new Cnn8by8(seed: 2);
        var images = rand(6, 1, 8, 8, generator: generator);
        var cnnScores = new InternalFaithfulness(cnn).Compute(images, randn(6, 1, 8, 8, generator: generator), images);
        Assert.All(cnnScores.ActivationDeviation, v => Assert.Equal(0.0, v));
        Assert.All(cnnScores.ActivationPreservation, v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Hand_computed_deviation_preservation_and_spurious_rate_on_a_two_layer_net()
    {
        using var scope = NewDisposeScope();
        // h1 = ReLU(x), h2 = ReLU(2 h1), logits = anything
        var net = new HandNet(
            (new double[,] { { 1, 0 }, { 0, 1 } }, [0.0, 0.0]),
            (new double[,] { { 2, 0 }, { 0, 2 } }, [0.0, 0.0]),
            (new double[,] { { 1, -1 }, { -1, 1 } }, [0.0, 0.0]));
        var x = tensor(new double[] { 1, 2, 1, 2, -1, -1 }, [3, 2], dtype: ScalarType.Float64);
        var start = tensor(new double[] { 0, 0, 3, 0, -2, -3 }, [3, 2], dtype: ScalarType.Float64);
        var attribution = tensor(new double[] { 0, 1, 0, 1, 0, 1 }, [3, 2], dtype: ScalarType.Float64);
        // T = {0.5, 1}: t = 0.5 inserts feature 1 only (⌈0.5·2⌉ = 1), t = 1 gives x itself
        var scores = new InternalFaithfulness(net, [0.5, 1.0]).Compute(x, attribution, start);

        // sample 0: x_ins = (0, 2): h1 (0, 2) vs (1, 2), h2 (0, 4) vs (2, 4): each layer 1/√5; IoU 2/4; threshold margin 0.4: none
        Assert.Equal(1 / (2 * Math.Sqrt(5)), scores.ActivationDeviation[0], 12);
        Assert.Equal((0.5 + 1) / 2, scores.ActivationPreservation[0], 12);
        Assert.Equal(0.0, scores.SpuriousRate[0], 12);
        // sample 1: x_ins = (3, 2): h1 (3, 2), h2 (6, 4): each layer 2/√5; IoU 1; 3 > 1.4 and 6 > 2.4 but 2 ≯ 2.4, 4 ≯ 4.4: 2 of 4
        Assert.Equal(2 / (2 * Math.Sqrt(5)), scores.ActivationDeviation[1], 12);
        Assert.Equal(1.0, scores.ActivationPreservation[1], 12);
        Assert.Equal((0.5 + 0) / 2, scores.SpuriousRate[1], 12);
        // sample 2: nothing active before or after: IoU of two empty sets is 1, no deviation
        Assert.Equal(0.0, scores.ActivationDeviation[2], 12);
        Assert.Equal(1.0, scores.ActivationPreservation[2], 12);
        Assert.Equal(0.0, scores.SpuriousRate[2], 12);
    }

    [Fact]
    public void The_internal_batch_size_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(8);
        var mlp = new Mlp(20, [16, 8], 3, seed: 5);
        var x = randn(23, 20, generator: generator);
        var a = randn(23, 20, generator: generator);
        var start = zeros(20);
        var reference = new InternalFaithfulness(mlp, batchSize: 4096).Compute(x, a, start);
        foreach (int size in new[] { 1, 6 })
        {
            var other = new InternalFaithfulness(mlp, batchSize: size).Compute(x, a, start);
            Assert.Equal(reference.ActivationDeviation, other.ActivationDeviation);
            Assert.Equal(reference.ActivationPreservation, other.ActivationPreservation);
            Assert.Equal(reference.SpuriousRate, other.SpuriousRate);
        }

        using var cnn = new Cnn8by8(seed: 6);
        var images = rand(7, 1, 8, 8, generator: generator);
        var pixels = randn(7, 1, 8, 8, generator: generator);
        var blur = RiseBlur.Apply(images);
        var whole = new InternalFaithfulness(cnn).Compute(images, pixels, blur);
        var chunked = new InternalFaithfulness(cnn, batchSize: 3).Compute(images, pixels, blur);
        Assert.Equal(whole, chunked, new ScoresComparer());
    }

    [Fact]
    public void A_model_without_hidden_layers_is_refused()
    {
        using var scope = NewDisposeScope();
        var net = new HandNet((new double[,] { { 1, 0 }, { 0, 1 } }, [0.0, 0.0]));
        var x = ones(2, 2, dtype: ScalarType.Float64);
        Assert.Throws<ArgumentException>(() => new InternalFaithfulness(net).Compute(x, x, x));
    }

    sealed class ScoresComparer : IEqualityComparer<InternalScores>
    {
        public bool Equals(InternalScores? a, InternalScores? b) => a is not null && b is not null
            && a.ActivationDeviation.SequenceEqual(b.ActivationDeviation)
            && a.ActivationPreservation.SequenceEqual(b.ActivationPreservation)
            && a.SpuriousRate.SequenceEqual(b.SpuriousRate);

        public int GetHashCode(InternalScores s) => 0;
    }
}
