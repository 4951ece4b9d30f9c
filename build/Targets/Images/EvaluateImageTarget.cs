using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Images.Data;
using Agop.Science.IO.Artifacts;
using Agop.Statistics.Localisation;

namespace Agop.Build.Targets.Images;

/// <summary>
/// Localisation scores (SPEC §10.5) on the correctly classified test images: IoU (top-|G|, ties to the lower index) against the
/// scenario's mask (G_comb, or each sample's own under <c>image.miou.mask: own</c>) and against the per-sample mask, XT's precision
/// and EMD (√128 and √98), relevance mass and rank accuracy.
/// </summary>
[DependsOn(typeof(AttributeImageTarget))]
public sealed class EvaluateImageTarget : ImageTarget
{
    /// <param name="Mask">"combined" or "own": the mask of the headline scores where the scenario has a combined one.</param>
    public sealed record Settings(string Binarise, string Mask);

    public override string Description => "score image attributions against the ground-truth masks (correct test images)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
            foreach (var method in plan.Config.Strings("image.methods.enabled"))
            {
                var settings = plan.Read(c => new Settings(c.String("image.miou.binarise"), c.String("image.miou.mask")));
                yield return Unit(plan, EvaluateImageId(cell, method), settings,
                    [In("data", plan.Unit(GenerateImageId(cell))), In("attributions", plan.Unit(AttributeImageId(cell, method)))],
                    static (context, s) =>
                    {
                        var data = ImageDatasetArtifact.Read(context.Input("data"));
                        var attributed = AttributionArtifact.Read(context.Input("attributions"));
                        var (scores, perSample) = Score(data, attributed, Binarisation.Parse(s.Binarise), ownMask: s.Mask == "own");
                        ImageScoresArtifact.Write(context.OutputDirectory, scores, perSample);
                    });
            }
    }

    /// <param name="ownMask">Headline scores against each sample's own mask instead of G_comb; <c>miou_own</c> is the own-mask IoU either way.</param>
    /// <returns>Means over the correctly classified test images and one row per image (<see cref="ImageScoresArtifact.Columns"/> values).</returns>
    public static (ImageMethodScores Scores, float[] PerSample) Score(ImageDataset data, AttributionArtifact attributed, Binarisation binarise,
        bool ownMask = false)
    {
        int pixels = data.Size * data.Size;
        var rows = new List<float>();
        var sums = new double[ImageScoresArtifact.Columns - 1];
        var defined = new int[ImageScoresArtifact.Columns - 1];
        int count = 0;
        for (int i = 0; i < data.Test.Count; i++)
        {
            if (attributed.Predicted[i] != data.Test.Y[i]) continue;
            var a = attributed.Attributions.AsSpan(i * pixels, pixels);
            var own = data.Test.Masks.AsSpan(i * pixels, pixels);
            var mask = data.UsesCombinedMask && !ownMask ? data.CombinedMask : own;
            var score = LocalisationMetrics.Score(a, mask, data.Size, data.Size, binarise);
            double ownIoU = data.UsesCombinedMask ? LocalisationMetrics.IoU(a, own, binarise) : double.NaN;
            double[] values = [score.IoU, ownIoU, score.Precision, score.Emd, score.Emd98, score.RelevanceMass, score.RankAccuracy];
            rows.Add(i);
            foreach (var v in values) rows.Add((float)v);
            for (int k = 0; k < values.Length; k++)
                if (!double.IsNaN(values[k])) { sums[k] += values[k]; defined[k]++; }
            count++;
        }
        // relevance mass is undefined for an all-zero map (GradCAM's ReLU can give one): averaged over the images where it is defined
        double Mean(int k) => defined[k] == 0 ? double.NaN : sums[k] / defined[k];
        return (new ImageMethodScores(count, Mean(0), Mean(1), Mean(2), Mean(3), Mean(4), Mean(5), Mean(6), data.Test.Count), rows.ToArray());
    }
}
