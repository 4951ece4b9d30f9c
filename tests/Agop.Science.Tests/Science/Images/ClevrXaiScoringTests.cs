using Agop.Science.Images;
using Agop.Statistics.Localisation;

namespace Agop.Tests.Science.Images;

/// <summary>CLEVR-XAI's 128×128 masks go through the same metrics as XAI-TRIS; RGB heatmaps are reduced per pixel first.</summary>
public class ClevrXaiScoringTests
{
    [Fact]
    public void An_rgb_attribution_that_covers_a_128x128_mask_scores_one_and_a_shifted_one_less()
    {
        const int side = 128, pixels = side * side;
        var mask = new byte[pixels];
        for (int r = 40; r < 60; r++) for (int c = 70; c < 90; c++) mask[r * side + c] = 1;
        var rgb = new float[3 * pixels];
        for (int j = 0; j < pixels; j++)
            if (mask[j] == 1) { rgb[j] = 0.5f; rgb[pixels + j] = -0.25f; rgb[2 * pixels + j] = 0.25f; }
        var map = HeatmapReduction.Reduce(rgb, 3, side, side);
        Assert.Equal(1f, map[50 * side + 80]);
        Assert.Equal(0f, map[0]);
        Assert.Equal(1.0, LocalisationMetrics.IoU(map, mask, Binarisation.TopKGroundTruth));
        Assert.Equal(1.0, LocalisationMetrics.RelevanceMass(map, mask));
        Assert.Equal(1.0, LocalisationMetrics.RankAccuracy(map, mask));

        var shifted = new float[pixels];
        for (int r = 50; r < 70; r++) for (int c = 70; c < 90; c++) shifted[r * side + c] = 1;
        Assert.Equal(200.0 / 600, LocalisationMetrics.IoU(shifted, mask, Binarisation.TopKGroundTruth), 12);
    }

    [Fact]
    public void Max_abs_reduction_takes_the_largest_channel_and_bad_shapes_are_refused()
    {
        float[] rgb = [1, -3, 2, 2, 0.5f, -1];
        Assert.Equal(new float[] { 2, 3 }, HeatmapReduction.Reduce(rgb, 3, 1, 2, HeatmapReduction.MaxAbs));
        Assert.Equal(new float[] { 3.5f, 6 }, HeatmapReduction.Reduce(rgb, 3, 1, 2));
        Assert.Throws<ArgumentException>(() => HeatmapReduction.Reduce(rgb, 2, 1, 2));
        Assert.Throws<ArgumentException>(() => HeatmapReduction.Reduce(rgb, 3, 1, 2, "mean"));
    }
}
