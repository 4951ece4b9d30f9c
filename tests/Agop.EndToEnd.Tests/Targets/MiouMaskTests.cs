using Agop.Build.Targets.Images;
using Agop.Science.Images.Data;
using Agop.Science.IO.Artifacts;
using Agop.Statistics.Localisation;

namespace Agop.Tests.Science.Images.Scoring;

/// <summary><c>image.miou.mask</c>: the headline scores against G_comb (default) or each sample's own mask.</summary>
public class MiouMaskTests
{
    // one 8×8 linear test image of class 0: own mask = pixels 0–3, G_comb = pixels 0–3 and 60–63; the map lights only 0–3
    static (ImageDataset Data, AttributionArtifact Attributed) Case(string scenario)
    {
        const int pixels = 64;
        var own = new byte[pixels];
        var combined = new byte[pixels];
        var a = new float[pixels];
        foreach (int j in new[] { 0, 1, 2, 3 }) { own[j] = 1; combined[j] = 1; a[j] = 1 + j; }
        foreach (int j in new[] { 60, 61, 62, 63 }) combined[j] = 1;
        var test = new ImageSplit(new float[pixels], [0], own, 1);
        var empty = new ImageSplit([], [], [], 0);
        var data = new ImageDataset(scenario, "white", 0.5, 8, empty, empty, test, combined, new float[pixels], 1, 1, 1, false);
        return (data, new AttributionArtifact(a, [0], pixels));
    }

    [Fact]
    public void Own_scores_the_headline_against_each_samples_mask_and_miou_own_is_the_same_either_way()
    {
        var (data, attributed) = Case(XaiTrisCatalog.Scenarios.First(XaiTrisCatalog.UsesCombinedMask));
        var topk = Binarisation.Parse("topk_gt");
        var (combined, combinedRows) = EvaluateImageTarget.Score(data, attributed, topk, ownMask: false);
        var (own, ownRows) = EvaluateImageTarget.Score(data, attributed, topk, ownMask: true);

        // top-8 under G_comb: pixels 0–3 lit, then ties to the lower index (4–7): 4 of 12 in the union
        Assert.Equal(4 / 12.0, combined.MIoU, 12);
        Assert.Equal(1.0, own.MIoU, 12);
        Assert.Equal(1.0, combined.MIoUOwn, 12);
        Assert.Equal(1.0, own.MIoUOwn, 12);
        Assert.Equal(0.5, combined.RankAccuracy, 12);
        Assert.Equal(1.0, own.RankAccuracy, 12);
        Assert.NotEqual(combinedRows, ownRows);
    }

    [Fact]
    public void A_scenario_scored_per_sample_is_unchanged_by_the_option()
    {
        var (data, attributed) = Case(XaiTrisCatalog.Scenarios.First(s => !XaiTrisCatalog.UsesCombinedMask(s)));
        var topk = Binarisation.Parse("topk_gt");
        var (_, combinedRows) = EvaluateImageTarget.Score(data, attributed, topk, ownMask: false);
        var (own, ownRows) = EvaluateImageTarget.Score(data, attributed, topk, ownMask: true);
        Assert.Equal(combinedRows, ownRows);
        Assert.Equal(1.0, own.MIoU, 12);
    }
}
