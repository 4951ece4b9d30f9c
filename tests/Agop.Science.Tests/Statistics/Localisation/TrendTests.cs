using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class TrendTests
{
    [Fact]
    public void Pearson_worked_example()
    {
        // x = (1, 2, 3), y = (1, 3, 2): centred (−1, 0, 1) and (−1, 1, 0); cov = 1, var = 2 and 2: r = 1/2.
        Assert.Equal(0.5, Trend.Pearson([1.0, 2, 3], [1.0, 3, 2]), 12);
        Assert.Equal(1.0, Trend.Pearson([1.0, 2, 3], [10.0, 20, 30]), 12);
        Assert.Equal(-1.0, Trend.Pearson([1.0, 2, 3], [3.0, 2, 1]), 12);
        Assert.True(double.IsNaN(Trend.Pearson([1.0, 2, 3], [4.0, 4, 4])));
        Assert.True(double.IsNaN(Trend.Pearson([5.0, 5, 5], [1.0, 2, 3])));
        Assert.True(double.IsNaN(Trend.Pearson([1.0], [2.0])));
        Assert.True(double.IsNaN(Trend.Pearson([1.0, 2, 3], [1.0, double.NaN, 3])));
        Assert.Throws<ArgumentException>(() => Trend.Pearson([1.0, 2], [1.0, 2, 3]));
    }

    [Fact]
    public void Kendall_tau_b_worked_example_with_ties()
    {
        // x = epochs 1..5, y = (0.1, 0.3, 0.2, 0.4, 0.4). Of the 10 pairs: (2,3) is discordant, (4,5) is tied in y,
        // the other 8 are concordant. τ_b = (8 − 1) / √((10 − 0)(10 − 1)) = 7 / √90.
        Assert.Equal(7 / Math.Sqrt(90), Trend.KendallTauB([1.0, 2, 3, 4, 5], [0.1, 0.3, 0.2, 0.4, 0.4]), 12);
        // Ties in x: x = (1, 1, 2), y = (1, 2, 3): pair (1,2) tied in x, the others concordant:
        // τ_b = 2 / √((3 − 1)(3 − 0)) = 2 / √6.
        Assert.Equal(2 / Math.Sqrt(6), Trend.KendallTauB([1.0, 1, 2], [1.0, 2, 3]), 12);
        Assert.Equal(1.0, Trend.KendallTauB([1.0, 2, 3, 4], [0.1, 0.5, 0.7, 0.9]), 12);
        Assert.Equal(-1.0, Trend.KendallTauB([1.0, 2, 3, 4], [0.9, 0.5, 0.2, 0.1]), 12);
        Assert.True(double.IsNaN(Trend.KendallTauB([1.0, 2, 3], [2.0, 2, 2])));
    }

    [Fact]
    public void Share_of_increases_worked_example()
    {
        // Steps 0.1→0.3 up, 0.3→0.2 down, 0.2→0.4 up, 0.4→0.4 flat (not an increase): 2 of 4.
        Assert.Equal(0.5, Trend.ShareOfIncreases([0.1, 0.3, 0.2, 0.4, 0.4]));
        Assert.Equal(1.0, Trend.ShareOfIncreases([1.0, 2, 3]));
        Assert.Equal(0.0, Trend.ShareOfIncreases([3.0, 3, 1]));
        Assert.True(double.IsNaN(Trend.ShareOfIncreases([1.0])));
    }
}
