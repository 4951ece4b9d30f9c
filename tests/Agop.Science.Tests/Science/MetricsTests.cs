using Agop.Statistics;
using Agop.Science.Attribution;
using Agop.Science.Metrics;

namespace Agop.Tests.Science;

public class MetricsTests
{
    [Fact]
    public void Average_ranks_share_ties()
    {
        Assert.Equal([2.5, 1, 2.5, 4], Ranking.AverageRanks(new float[] { 0.2f, 0.1f, 0.2f, 0.5f }));
    }

    [Fact]
    public void Spearman_worked_example_with_ties()
    {
        // attribution ranks (2.5, 1, 2.5, 4), truth ranks (1, 2, 3, 4):
        // centred: (-0, -1.5, 0, 1.5)… a: (0, -1.5, 0, 1.5), t: (-1.5, -0.5, 0.5, 1.5)
        // cov = 0 + 0.75 + 0 + 2.25 = 3; var_a = 4.5; var_t = 5; ρ = 3 / √22.5
        double rho = AttributionMetrics.Spearman(new float[] { 0.2f, 0.1f, 0.2f, 0.5f }, new float[] { 0.1f, 0.2f, 0.3f, 0.4f });
        Assert.Equal(3 / Math.Sqrt(22.5), rho, 12);
        Assert.Equal(1.0, AttributionMetrics.Spearman(new float[] { 1, 2, 3 }, new float[] { 10, 20, 30 }), 12);
        Assert.Equal(-1.0, AttributionMetrics.Spearman(new float[] { 1, 2, 3 }, new float[] { 30, 20, 10 }), 12);
        Assert.Equal(0, AttributionMetrics.Spearman(new float[] { 1, 1, 1 }, new float[] { 1, 2, 3 }));
    }

    [Fact]
    public void Top_k_precision_worked_example_with_a_tie_broken_by_index()
    {
        // truth top-2 = {0, 1}; attribution values tie at features 1 and 2 → lower index (1) wins: {3, 1}
        var truth = new float[] { 0.5f, 0.4f, 0.1f, 0 };
        var attribution = new float[] { 0.1f, 0.3f, 0.3f, 0.3001f };
        Assert.Equal(0.5, AttributionMetrics.TopKPrecision(attribution, truth, 2));
        Assert.Equal(1.0, AttributionMetrics.TopKPrecision(truth, truth, 2));
    }

    [Fact]
    public void Noise_mass_is_the_share_on_zero_truth_features()
    {
        var truth = new float[] { 0.7f, 0.3f, 0, 0 };
        var attribution = Normalization.Normalize(new float[] { 2, -1, 0.5f, -0.5f }); // |a| sums to 4
        Assert.Equal(0.25, AttributionMetrics.NoiseMass(attribution, truth), 6);
    }

    [Fact]
    public void Normalisation_is_absolute_and_sums_to_one()
    {
        var n = Normalization.Normalize(new float[] { -3, 1 });
        Assert.Equal([0.75f, 0.25f], n);
        Assert.Equal([0f, 0f], Normalization.Normalize(new float[] { 0, 0 }));
    }
}
