using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>CNN8by8s trained together (<see cref="StackedCnn"/>): a member's result does not depend on its group.</summary>
public class GroupedImageTrainingTests
{
    // 200 = 3 · 64 + 8 training images (a partial last batch), 72 = 64 + 8 validation images; patience 2 so members stop at
    // different epochs and leave the stack at different times.
    static readonly ImageTrainSettings Settings = new(14, 64, 2e-2, 2, true);

    static ImageTrainingMember Member(int k)
    {
        var (x, y) = AgopDiagonalTests.TinyImages(272, seed: 40 + k);
        return new ImageTrainingMember(x.narrow(0, 0, 200), y.narrow(0, 0, 200), x.narrow(0, 200, 72), y.narrow(0, 200, 72), Seed: 7 * k + 1);
    }

    static void AssertSame(ImageTrainingResult expected, ImageTrainingResult actual, string what)
    {
        Assert.True(expected.EpochsRun == actual.EpochsRun, $"{what}: {actual.EpochsRun} epochs run, alone {expected.EpochsRun}");
        Assert.Equal(expected.EpochKept, actual.EpochKept);
        Assert.Equal(expected.Log, actual.Log);
        Assert.Equal(expected.Checkpoints.Select(c => c.Epoch), actual.Checkpoints.Select(c => c.Epoch));
        for (int i = 0; i < expected.Checkpoints.Count; i++)
            Assert.True(expected.Checkpoints[i].Weights.AsSpan().SequenceEqual(actual.Checkpoints[i].Weights), $"{what}: checkpoint {i} differs");
        Assert.True(CnnWeights.Flatten(expected.Model).AsSpan().SequenceEqual(CnnWeights.Flatten(actual.Model)), $"{what}: kept weights differ");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void First_and_last_member_of_a_group_train_bit_identically_to_training_alone(int size)
    {
        TorchRuntime.Use(1, "cpu");
        using var scope = NewDisposeScope();
        var members = Enumerable.Range(0, size).Select(Member).ToList();
        var hook = new AgopHookSettings(3);
        var grouped = ImageTrainer.Train(members, Settings, hook);
        foreach (int k in new[] { 0, size - 1 }.Distinct())
        {
            var alone = ImageTrainer.Train([members[k]], Settings, hook)[0];
            AssertSame(alone, grouped[k], $"member {k} of {size}");
            alone.Model.Dispose();
        }
        if (size == 8) Assert.True(grouped.Select(r => r.EpochsRun).Distinct().Count() > 1, "every member stopped at the same epoch: the test does not cover leaving the stack");
        foreach (var r in grouped) r.Model.Dispose();
    }

    [Fact]
    public void A_group_trains_alike_whatever_the_callers_thread_count()
    {
        using var scope = NewDisposeScope();
        var members = Enumerable.Range(0, 3).Select(Member).ToList();
        TorchRuntime.Use(1, "cpu");
        var one = ImageTrainer.Train(members, Settings, new AgopHookSettings(5));
        TorchRuntime.Use(2, "cpu");
        var two = ImageTrainer.Train(members, Settings, new AgopHookSettings(5));
        Assert.Equal(2, get_num_threads());
        TorchRuntime.Use(1, "cpu");
        for (int k = 0; k < 3; k++) AssertSame(one[k], two[k], $"member {k}");
        foreach (var r in one.Concat(two)) r.Model.Dispose();
    }

    [Fact]
    public void The_stack_computes_what_a_Cnn8by8_with_the_same_weights_computes()
    {
        TorchRuntime.Use(1, "cpu");
        using var scope = NewDisposeScope();
        var (x, _) = AgopDiagonalTests.TinyImages(30, seed: 3);
        using var a = new Cnn8by8(1);
        using var b = new Cnn8by8(2);
        using var stack = new StackedCnn([CnnWeights.Flatten(a), CnnWeights.Flatten(b)], CPU);
        using var noGrad = no_grad();
        var logits = stack.Logits(TorchSharp.torch.stack([x, x.flip(0)], 0));
        Assert.Equal(new long[] { 2, 30, 2 }, logits.shape);
        Assert.True(logits[0].allclose(a.forward(x), rtol: 1e-5, atol: 1e-6));
        Assert.True(logits[1].allclose(b.forward(x.flip(0)), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(CnnWeights.Flatten(b), stack.Weights()[1]);
    }

    [Fact]
    public void Members_with_data_of_different_shapes_are_refused()
    {
        using var scope = NewDisposeScope();
        var small = Member(0) with { TrainX = Member(1).TrainX.narrow(0, 0, 100), TrainY = Member(1).TrainY.narrow(0, 0, 100) };
        Assert.Throws<ArgumentException>(() => ImageTrainer.Train([Member(0), small], Settings, new AgopHookSettings(3)));
    }
}
