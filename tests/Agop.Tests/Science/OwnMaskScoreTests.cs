using Agop.Build.Targets.Images;
using Agop.Science.Images.Data;
using Agop.Science.IO.Artifacts;
using Agop.Statistics.Localisation;

namespace Agop.Tests.Science;

/// <summary><c>image.miou.mask</c>: the headline localisation scores against the combined mask or each sample's own tetromino.</summary>
public class OwnMaskScoreTests
{
    /// <summary>4×4 linear data, two test images: the combined mask is pixels {0, 1, 14, 15}; image 0's own mask {0, 1}, image 1's {14, 15}.</summary>
    static ImageDataset Data()
    {
        byte[] Mask(params int[] on) => Enumerable.Range(0, 16).Select(p => on.Contains(p) ? (byte)1 : (byte)0).ToArray();
        var empty = new ImageSplit([], [], [], 0);
        var test = new ImageSplit(new float[32], [0, 1], [.. Mask(0, 1), .. Mask(14, 15)], 2);
        return new ImageDataset("linear", "white", 0.5, 4, empty, empty, test, Mask(0, 1, 14, 15), new float[16], 1, 1, 1, false);
    }

    [Fact]
    public void Own_scores_each_image_against_its_tetromino_and_combined_against_the_scenarios_mask()
    {
        // both images put all relevance on pixels 0, 1, 2, 3 (top-4 by |a|)
        var a = new float[32];
        foreach (int image in new[] { 0, 1 })
            foreach (int p in new[] { 0, 1, 2, 3 }) a[image * 16 + p] = 4 - p;
        var attributed = new AttributionArtifact(a, [0, 1], 16);
        var binarise = Binarisation.Parse("topk_gt");

        var combined = EvaluateImageTarget.Score(Data(), attributed, binarise).Scores;
        var own = EvaluateImageTarget.Score(Data(), attributed, binarise, ownMask: true).Scores;

        // combined (k = 4): {0,1,2,3} ∩ {0,1,14,15} = 2 of 6 for both images
        Assert.Equal(2 / 6.0, combined.MIoU, 12);
        // own (k = 2, the top-2 are {0, 1}): image 0 IoU 1, image 1 IoU 0
        Assert.Equal(0.5, own.MIoU, 12);
        // the miou_own column is the own-mask IoU under either setting
        Assert.Equal(own.MIoU, combined.MIoUOwn, 12);
        Assert.Equal(own.MIoUOwn, combined.MIoUOwn, 12);
    }
}
