using Agop.Science.Data;
using Agop.Science.Data.Synthetic;
using Agop.Science.Models;
using Agop.Science.Roar;
using Agop.Science.Torch;
using Agop.Science.Training;
using Agop.Statistics;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Training;

/// <summary>ROAR's grouped retraining: G models in one stacked model give each member what its own training would.</summary>
public class GroupedTrainerTests
{
    // 2 hidden layers and a last batch of 43 rows (683 = 5 · 128 + 43), so partial batches and every layer kind are covered.
    static readonly TrainSettings Settings = new(3, 128, 1e-3, [32, 16]);
    static readonly int[][] Removals = [[], [0, 1, 2], [7, 3]];

    static TabularData Table() => SyntheticBenchmark.Generate(new SyntheticSpec("interaction", 854, 10, 3, 4, 0.2, 0.3, 1e-4), seed: 5).Data;

    static IReadOnlyList<TabularData> Members(TabularData table, IEnumerable<int[]> removals) =>
        removals.Select(r => FeatureRemoval.Remove(table, r)).ToList();

    static float[] Weights(Mlp model) => model.parameters().SelectMany(p => p.cpu().data<float>().ToArray()).ToArray();

    static double Accuracy(Mlp model, TabularData table) =>
        Classification.Accuracy(Trainer.Probabilities(model, table.TestX, table.Features, CPU), table.TestY, table.Classes);

    [Fact]
    public void Grouped_training_equals_separate_training_of_each_member()
    {
        TorchRuntime.Use(1, "cpu");
        var members = Members(Table(), Removals);
        Assert.Equal(683, members[0].TrainCount);
        var grouped = GroupedTrainer.Train(members, Settings, seed: 3, CPU);
        for (int k = 0; k < members.Count; k++)
        {
            using var separate = Trainer.Train(members[k], Settings, seed: 3, CPU);
            float[] expected = Weights(separate), actual = Weights(grouped[k]);
            Assert.Equal(expected.Length, actual.Length);
            double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= 1e-5, $"member {k}: largest weight difference {worst:E2}");
            Assert.Equal(Accuracy(separate, members[k]), Accuracy(grouped[k], members[k]), 1e-5);
        }
        // The members did train apart: different removals give different weights.
        Assert.NotEqual(Weights(grouped[0]), Weights(grouped[1]));
        foreach (var model in grouped) model.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_members_weights_do_not_depend_on_the_rest_of_its_group(int threads)
    {
        TorchRuntime.Use(threads, "cpu");
        var members = Members(Table(), Removals);
        var alone = GroupedTrainer.Train([members[2]], Settings, seed: 3, CPU);
        var inGroup = GroupedTrainer.Train(members, Settings, seed: 3, CPU);
        var otherOrder = GroupedTrainer.Train([members[2], members[0]], Settings, seed: 3, CPU);
        Assert.Equal(Weights(alone[0]), Weights(inGroup[2]));
        Assert.Equal(Weights(alone[0]), Weights(otherOrder[0]));
        foreach (var model in alone.Concat(inGroup).Concat(otherOrder)) model.Dispose();
        TorchRuntime.Use(1, "cpu");
    }

    [Fact]
    public void Tables_of_different_shape_or_labels_cannot_share_a_group()
    {
        var table = Table();
        var relabelled = table with { TrainY = table.TrainY.Select(y => (y + 1) % 3).ToArray() };
        Assert.Throws<ArgumentException>(() => GroupedTrainer.Train([table, relabelled], Settings, seed: 3, CPU));
    }
}
