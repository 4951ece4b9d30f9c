using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class ChanceLevelTests
{
    [Fact]
    public void Expected_IoU_matches_the_spec_values()
    {
        Assert.Equal(0.0705, Math.Round(ChanceLevel.ExpectedIoU(64, 8), 4));
        Assert.Equal(0.0366, Math.Round(ChanceLevel.ExpectedIoU(64, 4), 4));
        Assert.Equal(0.125, ChanceLevel.ExpectedPrecision(64, 8));
        Assert.Equal(0.0625, ChanceLevel.ExpectedPrecision(64, 4));
    }

    [Fact]
    public void Small_case_by_hand_and_edge_cases()
    {
        // N = 4, k = 2: |B ∩ G| = 0, 1, 2 with probabilities 1/6, 4/6, 1/6; IoU = 0, 1/3, 1.
        // E = 4/6 · 1/3 + 1/6 · 1 = 2/9 + 1/6 = 7/18.
        Assert.Equal(7.0 / 18, ChanceLevel.ExpectedIoU(4, 2), 12);
        // N = 3, k = 2: overlap is at least 1: {1 w.p. 2/3 → 1/3, 2 w.p. 1/3 → 1}: 2/9 + 1/3 = 5/9.
        Assert.Equal(5.0 / 9, ChanceLevel.ExpectedIoU(3, 2), 12);
        Assert.Equal(1.0, ChanceLevel.ExpectedIoU(5, 5), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChanceLevel.ExpectedIoU(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChanceLevel.ExpectedIoU(4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChanceLevel.ExpectedPrecision(0, 1));
    }

    [Fact]
    public void Expected_IoU_agrees_with_exhaustive_enumeration()
    {
        // Every 3-subset of 8 pixels against G = {0, 1, 2}: C(8, 3) = 56 subsets.
        int[] g = [0, 1, 2];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < 8; i++)
            for (int j = i + 1; j < 8; j++)
                for (int k = j + 1; k < 8; k++)
                {
                    int overlap = new[] { i, j, k }.Count(g.Contains);
                    sum += overlap / (6.0 - overlap);
                    count++;
                }
        Assert.Equal(sum / count, ChanceLevel.ExpectedIoU(8, 3), 12);
    }
}
