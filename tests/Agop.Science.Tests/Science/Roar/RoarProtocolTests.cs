using Agop.Statistics;
using Agop.Science.Data;
using Agop.Science.Roar;

namespace Agop.Tests.Science.Roar;

public class RoarProtocolTests
{
    [Fact]
    public void Removal_replaces_exactly_the_chosen_columns_by_their_training_mean_in_both_splits()
    {
        // 3 training rows, 2 test rows, 3 features; training means (2, 20, 200)
        var data = new TabularData(3, 2,
            [1, 10, 100, 2, 20, 200, 3, 30, 300], [0, 1, 0],
            [7, 70, 700, 8, 80, 800], [1, 0], ["a", "b", "c"]);
        var removed = FeatureRemoval.Remove(data, [0, 2]);
        Assert.Equal([2f, 10, 200, 2, 20, 200, 2, 30, 200], removed.TrainX);
        Assert.Equal([2f, 70, 200, 2, 80, 200], removed.TestX);
        Assert.Equal(data.TrainY, removed.TrainY);
        Assert.Equal([1f, 10, 100, 2, 20, 200, 3, 30, 300], data.TrainX); // the input is untouched
    }

    [Theory]
    [InlineData(0.05, 104, 6)]   // 5.2 -> 6
    [InlineData(0.1, 104, 11)]   // 10.4 -> 11
    [InlineData(0.5, 104, 52)]
    [InlineData(0.1, 20, 2)]     // exactly 2, not 3 despite floating point
    [InlineData(0.3, 10, 3)]     // 0.3 * 10 = 3.0000000000000004
    public void The_number_removed_is_the_ceiling_of_t_times_d(double fraction, int features, int expected) =>
        Assert.Equal(expected, FeatureRemoval.Count(fraction, features));

    [Fact]
    public void Top_features_follow_the_global_ranking_with_ties_by_index()
    {
        Assert.Equal([2, 0], FeatureRemoval.Top([0.3f, 0.1f, 0.5f, 0.1f], 0.5));
        Assert.Equal([1], FeatureRemoval.Top([0.2f, 0.4f, 0.4f, 0.0f], 0.25));
    }

    [Fact]
    public void Global_importance_averages_normalised_absolute_attributions()
    {
        // rows (1, -3) and (2, 2) normalise to (0.25, 0.75) and (0.5, 0.5)
        Assert.Equal([0.375f, 0.625f], GlobalRanking.Importance([1, -3, 2, 2], 2, 2));
    }

    [Fact]
    public void Auc_worked_example()
    {
        // points (0, 0.8), (0.1, 0.7), (0.5, 0.5): 0.1 * 0.75 + 0.4 * 0.6 = 0.315
        Assert.Equal(0.315, RoarAuc.Trapezoid([(0.5, 0.5), (0, 0.8), (0.1, 0.7)]), 12);
        // a point beyond 0.5 is outside the integration range
        Assert.Equal(0.315, RoarAuc.Trapezoid([(0, 0.8), (0.1, 0.7), (0.5, 0.5), (0.9, 0.1)]), 12);
        Assert.Throws<ArgumentException>(() => RoarAuc.Trapezoid([(0.1, 0.7), (0.5, 0.5)]));
    }
}
