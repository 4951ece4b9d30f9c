using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class LocalisationMetricsTests
{
    /// <summary>SPEC §10.2 G_comb on 8×8: T at (1,1),(2,1),(2,2),(3,1) and L at (4,5),(5,5),(6,5),(6,6).</summary>
    internal static readonly int[] CombinedMask = [9, 17, 18, 25, 37, 45, 53, 54];

    internal static byte[] Mask(int pixels, params int[] ones)
    {
        var mask = new byte[pixels];
        foreach (int j in ones) mask[j] = 1;
        return mask;
    }

    // The worked 4×4 example. G = the top-left 2×2 block = {0, 1, 4, 5}.
    //
    //   a =  0.9  -0.8   0     0          G =  1 1 0 0
    //        0.1   0     0.7   0               1 1 0 0
    //        0     0    -0.5   0               0 0 0 0
    //        0     0     0     0.2             0 0 0 0
    //
    // |a| in decreasing order: 0.9 (0), 0.8 (1), 0.7 (6), 0.5 (10), 0.2 (15), 0.1 (4).
    // Top-|G| = top-4 = {0, 1, 6, 10}; B ∩ G = {0, 1}, |B ∩ G| = 2.
    //   IoU       = 2 / (4 + 4 − 2) = 1/3
    //   rank      = 2 / 4 = 0.5
    //   precision = 2 / 4 = 0.5 (six non-zero pixels ≥ k = 4, so the same top-4)
    //   mass      = (0.9 − 0.8 + 0.1 + 0) / (0.9 − 0.8 + 0.1 + 0.7 − 0.5 + 0.2) = 0.2 / 0.6 = 1/3
    // frac_of_max:0.75 keeps |a| ≥ 0.675 = {0, 1, 6}: IoU = 2 / (3 + 4 − 2) = 0.4.
    private static readonly float[] Worked =
    [
        0.9f, -0.8f, 0f, 0f,
        0.1f, 0f, 0.7f, 0f,
        0f, 0f, -0.5f, 0f,
        0f, 0f, 0f, 0.2f,
    ];
    private static readonly byte[] WorkedMask = Mask(16, 0, 1, 4, 5);

    [Fact]
    public void Worked_4x4_example()
    {
        Assert.Equal(1.0 / 3, LocalisationMetrics.IoU(Worked, WorkedMask, Binarisation.TopKGroundTruth), 12);
        Assert.Equal(0.5, LocalisationMetrics.RankAccuracy(Worked, WorkedMask), 12);
        Assert.Equal(0.5, LocalisationMetrics.Precision(Worked, WorkedMask), 12);
        Assert.Equal(1.0 / 3, LocalisationMetrics.RelevanceMass(Worked, WorkedMask), 6); // float inputs
        Assert.Equal(0.4, LocalisationMetrics.IoU(Worked, WorkedMask, Binarisation.FractionOfMax(0.75)), 12);

        var scores = LocalisationMetrics.Score(Worked, WorkedMask, 4, 4, Binarisation.TopKGroundTruth);
        Assert.Equal(1.0 / 3, scores.IoU, 12);
        Assert.Equal(0.5, scores.Precision, 12);
        Assert.Equal(0.5, scores.RankAccuracy, 12);
        Assert.Equal(1.0 / 3, scores.RelevanceMass, 6);
        var emd = LocalisationMetrics.Emd(Worked, WorkedMask, 4, 4);
        Assert.Equal(emd.Score128, scores.Emd, 15);
        Assert.Equal(emd.Score98, scores.Emd98, 15);
        Assert.Equal(0.4, LocalisationMetrics.Score(Worked, WorkedMask, 4, 4, Binarisation.Parse("frac_of_max:0.75")).IoU, 12);
    }

    [Fact]
    public void Perfect_attribution_scores_one_everywhere()
    {
        var mask = Mask(64, CombinedMask);
        var perfect = mask.Select(m => (float)m).ToArray();
        var scores = LocalisationMetrics.Score(perfect, mask, 8, 8, Binarisation.TopKGroundTruth);
        Assert.Equal(new LocalisationScores(1, 1, 1, 1, 1, 1), scores);
        Assert.Equal(1.0, LocalisationMetrics.IoU(perfect, mask, Binarisation.FractionOfMax(0.5)));

        // Signs do not matter for the |a|-based metrics; a negative perfect map still has mass −8 / −8 = 1.
        var negative = perfect.Select(v => -v).ToArray();
        Assert.Equal(1.0, LocalisationMetrics.IoU(negative, mask, Binarisation.TopKGroundTruth));
        Assert.Equal(1.0, LocalisationMetrics.RelevanceMass(negative, mask));
    }

    [Fact]
    public void Precision_uses_only_non_zero_pixels_but_rank_accuracy_does_not()
    {
        // G = {0, 1, 4, 5}; only two non-zero pixels: 5 (in G) and 15 (not).
        var sparse = new float[16];
        sparse[5] = 0.3f;
        sparse[15] = -0.6f;
        // XT precision: B = {15, 5} (fewer than k = 4 non-zero), hits 1, divided by k = 4.
        Assert.Equal(0.25, LocalisationMetrics.Precision(sparse, WorkedMask));
        // top-4 over all pixels: 15, 5, then the zeros 0 and 1 by the lower-index rule: hits {5, 0, 1} = 3.
        Assert.Equal(0.75, LocalisationMetrics.RankAccuracy(sparse, WorkedMask));
        Assert.Equal(3.0 / 5, LocalisationMetrics.IoU(sparse, WorkedMask, Binarisation.TopKGroundTruth));
        var scores = LocalisationMetrics.Score(sparse, WorkedMask, 4, 4, Binarisation.TopKGroundTruth);
        Assert.Equal(0.25, scores.Precision);
        Assert.Equal(0.75, scores.RankAccuracy);
        Assert.Equal(0.0, LocalisationMetrics.Precision(new float[16], WorkedMask));
    }

    [Fact]
    public void Constant_map_selects_the_first_pixels()
    {
        // Top-4 of a constant 4×4 map = {0, 1, 2, 3}; against G = {0, 1, 4, 5}: 2 hits, IoU = 2 / 6.
        var constant = Enumerable.Repeat(-0.3f, 16).ToArray();
        Assert.Equal(2.0 / 6, LocalisationMetrics.IoU(constant, WorkedMask, Binarisation.TopKGroundTruth), 12);
        Assert.Equal(0.5, LocalisationMetrics.RankAccuracy(constant, WorkedMask));
    }

    [Fact]
    public void Fraction_of_max_binarisation()
    {
        // |a| = 1, 0.5, 0.49, 0.2 on a 2×2 grid, G = {1, 2}.
        float[] a = [1f, -0.5f, 0.49f, 0.2f];
        var mask = Mask(4, 1, 2);
        // τ = 0.5: |a| ≥ 0.5 keeps {0, 1} (the boundary is inclusive): ∩ = {1}, ∪ = {0, 1, 2}: 1/3.
        Assert.Equal(1.0 / 3, LocalisationMetrics.IoU(a, mask, Binarisation.FractionOfMax(0.5)), 12);
        // τ = 0.45: keeps {0, 1, 2}: ∩ = {1, 2}, ∪ = {0, 1, 2}: 2/3.
        Assert.Equal(2.0 / 3, LocalisationMetrics.IoU(a, mask, Binarisation.FractionOfMax(0.45)), 12);
        // τ = 1: only the maximum, pixel 0, outside G: 0.
        Assert.Equal(0.0, LocalisationMetrics.IoU(a, mask, Binarisation.FractionOfMax(1)));
        // max |a| = 0: nothing is selected, IoU 0.
        Assert.Equal(0.0, LocalisationMetrics.IoU(new float[4], mask, Binarisation.FractionOfMax(0.5)));
    }

    [Fact]
    public void Relevance_mass_is_signed_and_undefined_for_zero_total()
    {
        // G = {0}: a = (2, −1, 0, 1): 2 / 2 = 1; a = (1, 1, −1, 1): 1 / 2.
        var mask = Mask(4, 0);
        Assert.Equal(1.0, LocalisationMetrics.RelevanceMass([2f, -1f, 0f, 1f], mask));
        Assert.Equal(0.5, LocalisationMetrics.RelevanceMass([1f, 1f, -1f, 1f], mask));
        Assert.True(double.IsNaN(LocalisationMetrics.RelevanceMass([1f, -1f, 0f, 0f], mask)));
        Assert.True(double.IsNaN(LocalisationMetrics.RelevanceMass(new float[4], mask)));
    }

    [Fact]
    public void Random_maps_reach_the_analytic_chance_level()
    {
        // 20,000 U(−1, 1) maps against G_comb: top-8 is a uniformly random 8-subset, E[IoU] = 0.0705 (SE ≈ 0.0007).
        var mask = Mask(64, CombinedMask);
        var random = new Random(20_000);
        var map = new float[64];
        double sum = 0, precision = 0;
        const int draws = 20_000;
        for (int draw = 0; draw < draws; draw++)
        {
            for (int j = 0; j < 64; j++) map[j] = (float)(random.NextDouble() * 2 - 1);
            sum += LocalisationMetrics.IoU(map, mask, Binarisation.TopKGroundTruth);
            precision += LocalisationMetrics.Precision(map, mask);
        }
        Assert.InRange(sum / draws, 0.0705 - 0.01, 0.0705 + 0.01);
        Assert.InRange(precision / draws, 0.125 - 0.01, 0.125 + 0.01);
    }

    [Fact]
    public void Bad_inputs_throw()
    {
        var mask = Mask(4, 0);
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.IoU([0f, 1f, float.NaN, 0f], mask, Binarisation.TopKGroundTruth));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.Precision([0f, 1f, float.PositiveInfinity, 0f], mask));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.RankAccuracy([0f, 1f, 0f], mask));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.IoU([0f, 1f, 0f, 0f], new byte[4], Binarisation.TopKGroundTruth));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.RelevanceMass([0f, 1f, 0f, 0f], [2, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.Emd([0f, 1f, 0f, 0f], mask, 4, 4));
        Assert.Throws<ArgumentException>(() => LocalisationMetrics.Score([0f, 1f, 0f, 0f], mask, 1, 3, Binarisation.TopKGroundTruth));
    }
}
