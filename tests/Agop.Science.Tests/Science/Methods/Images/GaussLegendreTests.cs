using Agop.Science.Attribution;

namespace Agop.Tests.Science.Methods.Images;

/// <summary>
/// The 50-point Gauss–Legendre rule. The n-point rule exact for every polynomial of degree ≤ 2n − 1 is unique, so meeting these
/// checks to rounding means our nodes and weights are numpy's leggauss (what Captum uses) to rounding.
/// </summary>
public class GaussLegendreTests
{
    [Fact]
    public void Weights_sum_to_one_and_the_rule_integrates_t98_and_t99_exactly_on_0_1()
    {
        var (alphas, weights) = GaussLegendre.Rule(50);
        Assert.Equal(1.0, weights.Sum(), 13);
        Assert.Equal(1.0 / 99, alphas.Zip(weights, (a, w) => w * Math.Pow(a, 98)).Sum(), 14);
        Assert.Equal(1.0 / 100, alphas.Zip(weights, (a, w) => w * Math.Pow(a, 99)).Sum(), 14);
    }

    [Fact]
    public void Nodes_are_ascending_symmetric_inside_0_1_and_roots_of_P50()
    {
        var (alphas, weights) = GaussLegendre.Rule(50);
        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(alphas[i], 0, 1);
            if (i > 0) Assert.True(alphas[i] > alphas[i - 1]);
            Assert.Equal(1.0, alphas[i] + alphas[49 - i], 14);
            Assert.Equal(weights[i], weights[49 - i], 14);
        }
        // P_50 at t = 2α − 1 by the recurrence
        foreach (var a in alphas)
        {
            double t = 2 * a - 1, p0 = 1, p1 = t;
            for (int k = 2; k <= 50; k++) (p0, p1) = (p1, ((2 * k - 1) * t * p1 - (k - 1) * p0) / k);
            Assert.True(Math.Abs(p1) < 1e-12, $"P50({t}) = {p1}");
        }
    }

    [Fact]
    public void Small_rules_match_their_closed_forms()
    {
        var (a2, w2) = GaussLegendre.Rule(2);
        Assert.Equal((1 - 1 / Math.Sqrt(3)) / 2, a2[0], 15);
        Assert.Equal(0.5, w2[0], 15);
        var (a3, w3) = GaussLegendre.Rule(3);
        Assert.Equal((1 - Math.Sqrt(0.6)) / 2, a3[0], 15);
        Assert.Equal(0.5, a3[1], 15);
        Assert.Equal(8.0 / 18, w3[1], 15);
    }
}
