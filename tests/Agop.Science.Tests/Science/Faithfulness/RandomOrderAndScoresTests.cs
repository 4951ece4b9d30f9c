using Agop.Science.Faithfulness;
using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>The random-order floor and the one-call façade.</summary>
public class RandomOrderAndScoresTests
{
    [Fact]
    public void The_random_order_of_a_sample_is_the_same_alone_or_in_a_batch()
    {
        using var scope = NewDisposeScope();
        var like = zeros(5, 1, 8, 8);
        var batch = RandomOrder.Attribution(seed: 7, like, firstSampleIndex: 10);
        var alone = RandomOrder.Attribution(seed: 7, zeros(1, 1, 8, 8), [12L]);
        Assert.Equal(like.shape, batch.shape);
        Assert.Equal(batch[2].data<float>().ToArray(), alone[0].data<float>().ToArray());
        // each row is a permutation of 1..64 (no ties)
        for (int i = 0; i < 5; i++)
            Assert.Equal(Enumerable.Range(1, 64).Select(v => (float)v), batch[i].data<float>().ToArray().Order());
        Assert.NotEqual(batch[0].data<float>().ToArray(), batch[1].data<float>().ToArray());
        Assert.NotEqual(batch[0].data<float>().ToArray(), RandomOrder.Attribution(seed: 8, like, 10)[0].data<float>().ToArray());
    }

    [Fact]
    public void The_facade_returns_the_components_per_sample_and_the_mean_curves()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(3);
        var mlp = new Mlp(6, [8], 2, seed: 1);
        var x = randn(10, 6, generator: generator);
        var a = randn(10, 6, generator: generator);
        var mean = zeros(6);
        var result = FaithfulnessScores.Compute(mlp, x, a, mean, mean, new FaithfulnessOptions(BatchSize: 4));

        using var curves = new PerturbationCurves(mlp.forward).Compute(x, a, mean, mean);
        var internalScores = new InternalFaithfulness(mlp).Compute(x, a, mean);
        Assert.Equal(curves.Target.data<long>().ToArray(), result.Target);
        Assert.Equal(CurveAuc.Rise(curves.Insertion), result.InsertionAuc);
        Assert.Equal(CurveAuc.Rise(curves.Deletion), result.DeletionAuc);
        Assert.Equal(CurveAuc.PixelFlipping(curves.Deletion), result.PixelFlippingAuc);
        Assert.Equal(internalScores.ActivationDeviation, result.ActivationDeviation);
        Assert.Equal(internalScores.ActivationPreservation, result.ActivationPreservation);
        Assert.Equal(internalScores.SpuriousRate, result.SpuriousRate);
        Assert.Equal(7, result.MeanInsertionCurve.Length);
        Assert.Equal(CurveAuc.Mean(curves.Deletion), result.MeanDeletionCurve);
    }
}
