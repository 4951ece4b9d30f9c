using Agop.Build.Targets.Images;
using Agop.Pipeline.Engine;
using Agop.Report;
using Agop.Science.Images.Data;
using Agop.Science.IO.Artifacts;
using Agop.Statistics.Localisation;

namespace Agop.Build.Reporting;

/// <summary>What the report needs to know about Part 3 besides the artifacts: the grid that ran and the choices behind its numbers.</summary>
public sealed record ImageReportSettings(IReadOnlyList<ImageTarget.Cell> Cells, IReadOnlyList<string> Scenarios, IReadOnlyList<string> Backgrounds,
    IReadOnlyList<string> Methods, IReadOnlyList<int> Seeds, IReadOnlyList<ReportChoice> Choices, string? ReferenceText, string ClevrXaiPath);

public sealed record ReportChoice(string Key, string Value);

/// <summary>Reads the Part 3 artifacts into <see cref="ImageTrack"/>.</summary>
public static class ImageReportInputs
{
    /// <param name="claimsOnly">Skip what only the figures, the H7 trace and the mask line show (a robustness variant's track).</param>
    /// <param name="parameter">A unit's recorded config value (its manifest's parameters), or null: the evaluation units' mask setting is read from it.</param>
    public static ImageTrack Read(ImageReportSettings s, IReadOnlyDictionary<string, string> folders, Func<string, string, double> measurement,
        bool claimsOnly = false, Func<string, string, string?>? parameter = null)
    {
        bool ownMask = false;
        var scores = new List<ImageScore>();
        var models = new List<ImageModelQuality>();
        var traces = new List<AgopTrace>();
        var samples = new List<ImageSample>();
        foreach (var cell in s.Cells)
        {
            var log = ImageModelArtifact.ReadLog(folders[ImageTarget.TrainImageId(cell)]);
            models.Add(new ImageModelQuality(cell.Scenario, cell.Background, cell.Seed, log.TestAccuracy, log.TestConfidence, log.EpochsRun, log.EpochKept,
                measurement(ImageTarget.TrainImageId(cell), "train_seconds")));
            if (!claimsOnly)
            {
                var trace = ImageAgopArtifact.ReadTrace(folders[ImageTarget.TraceAgopImageId(cell)]);
                traces.Add(new AgopTrace(cell.Scenario, cell.Background, cell.Seed,
                    trace.Epochs.Select(e => new AgopEpoch(e.Epoch, e.Pearson, e.IoU8, e.ValidationAccuracy)).ToList(),
                    measurement(ImageTarget.FitAgopImageId(cell), "fit_seconds"), trace.OnlineCorrelation));
            }
            foreach (var method in s.Methods)
            {
                string evaluated = folders[ImageTarget.EvaluateImageId(cell, method)];
                ownMask |= parameter?.Invoke(ImageTarget.EvaluateImageId(cell, method), "image.miou.mask") == "own";
                var m = ImageScoresArtifact.Read(evaluated);
                var rows = ImageScoresArtifact.ReadPerSample(evaluated);
                for (int r = 0; r + ImageScoresArtifact.Columns <= rows.Length; r += ImageScoresArtifact.Columns)
                    samples.Add(new ImageSample(cell.Scenario, cell.Background, cell.Seed, method, (int)rows[r], rows[r + 1], rows[r + 2]));
                double seconds = measurement(ImageTarget.AttributeImageId(cell, method), "attribution_seconds");
                scores.Add(new ImageScore(cell.Scenario, cell.Background, cell.Seed, method, m.Samples, m.MIoU, m.MIoUOwn, m.Precision, m.Emd, m.Emd98,
                    m.RelevanceMass, m.RankAccuracy, seconds, seconds * 1000.0 / Math.Max(1, m.TestImages)));
            }
        }
        var (figure3, figure5) = claimsOnly ? ([], []) : Figures(s, folders);
        return new ImageTrack(s.Scenarios, s.Backgrounds, s.Methods, s.Seeds, scores, models, traces, figure3, figure5,
            new Dictionary<int, double> { [8] = ChanceLevel.ExpectedIoU(64, 8), [4] = ChanceLevel.ExpectedIoU(64, 4) },
            s.Choices.Select(c => (c.Key, c.Value)).ToList(),
            s.ReferenceText is null ? null : PaperReference.Parse(s.ReferenceText),
            ClevrLine(s.ClevrXaiPath)) { Samples = samples, Landings = claimsOnly ? [] : Landings(s, folders), OwnMaskHeadline = ownMask };
    }

    /// <summary><see cref="TopPixelLanding"/> of every method on each combined-mask scenario of the white background (the claims').</summary>
    static IReadOnlyList<TopPixelLanding> Landings(ImageReportSettings s, IReadOnlyDictionary<string, string> folders)
    {
        var result = new List<TopPixelLanding>();
        foreach (var scenario in s.Cells.Where(c => c.Background == Part3Claims.DefaultBackground).GroupBy(c => c.Scenario))
        {
            var counts = s.Methods.ToDictionary(m => m, _ => (Images: 0, Own: 0L, Other: 0L, Elsewhere: 0L));
            foreach (var cell in scenario)
            {
                var data = ImageDatasetArtifact.Read(folders[ImageTarget.GenerateImageId(cell)]);
                if (!data.UsesCombinedMask) break;
                int pixels = data.Size * data.Size;
                int k = data.CombinedMask.Count(v => v != 0);
                foreach (var method in s.Methods)
                {
                    var attributed = AttributionArtifact.Read(folders[ImageTarget.AttributeImageId(cell, method)]);
                    var c = counts[method];
                    for (int i = 0; i < data.Test.Count; i++)
                    {
                        if (attributed.Predicted[i] != data.Test.Y[i]) continue;
                        var a = attributed.Attributions.AsSpan(i * pixels, pixels).ToArray();
                        var own = data.Test.Masks.AsSpan(i * pixels, pixels);
                        foreach (int p in Enumerable.Range(0, pixels).OrderByDescending(p => Math.Abs(a[p])).ThenBy(p => p).Take(k))
                        {
                            if (own[p] != 0) c.Own++;
                            else if (data.CombinedMask[p] != 0) c.Other++;
                            else c.Elsewhere++;
                        }
                        c.Images++;
                    }
                    counts[method] = c;
                }
            }
            foreach (var (method, c) in counts.Where(kv => kv.Value.Images > 0))
            {
                double total = c.Own + c.Other + c.Elsewhere;
                result.Add(new TopPixelLanding(scenario.Key, Part3Claims.DefaultBackground, method, c.Images, c.Own / total, c.Other / total, c.Elsewhere / total));
            }
        }
        return result;
    }

    /// <summary>Figure 3 (the first seed, white background when it ran): two test images per class; Figure 5: diag(M) beside F.</summary>
    static (IReadOnlyList<ImageMap>, IReadOnlyList<AgopMap>) Figures(ImageReportSettings s, IReadOnlyDictionary<string, string> folders)
    {
        var maps = new List<ImageMap>();
        var agop = new List<AgopMap>();
        string background = s.Backgrounds.Contains("white") ? "white" : s.Backgrounds[0];
        foreach (var cell in s.Cells.Where(c => c.Background == background && c.Seed == s.Seeds[0]))
        {
            var data = ImageDatasetArtifact.Read(folders[ImageTarget.GenerateImageId(cell)]);
            int pixels = data.Size * data.Size;
            var indices = Enumerable.Range(0, data.Test.Count).Where(i => data.Test.Y[i] == 0).Take(2)
                .Concat(Enumerable.Range(0, data.Test.Count).Where(i => data.Test.Y[i] == 1).Take(2)).ToList();
            var attributions = s.Methods.ToDictionary(m => m, m => AttributionArtifact.Read(folders[ImageTarget.AttributeImageId(cell, m)]).Attributions);
            foreach (int i in indices)
            {
                int label = (int)data.Test.Y[i];
                maps.Add(new ImageMap(cell.Scenario, background, i, label, "input", data.Size, data.Test.X.AsSpan(i * pixels, pixels).ToArray()));
                var mask = data.UsesCombinedMask ? data.CombinedMask : data.Test.Masks.AsSpan(i * pixels, pixels).ToArray();
                maps.Add(new ImageMap(cell.Scenario, background, i, label, "mask", data.Size, mask.Select(v => (float)v).ToArray()));
                foreach (var method in s.Methods)
                    maps.Add(new ImageMap(cell.Scenario, background, i, label, method, data.Size, attributions[method].AsSpan(i * pixels, pixels).ToArray()));
            }
            agop.Add(new AgopMap(cell.Scenario, background, data.Size, ImageAgopArtifact.ReadDiagonal(folders[ImageTarget.FitAgopImageId(cell)]),
                data.GroundTruthFrequency));
        }
        return (maps, agop);
    }

    const string NotReproduced = "H4/H5 not reproduced: needs the CLEVR-XAI release, an ImageNet-pretrained ResNet-18 and the paper's (unstated) classification target.";

    static string ClevrLine(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return $"CLEVR-XAI: no local copy configured (image.clevr_xai.path or AGOP_CLEVR_XAI). {NotReproduced}";
        var source = ClevrXaiSource.Open(path);
        return $"CLEVR-XAI: a local copy at {path} passed the count checks ({source.ImageFiles.Count:N0} images, {source.Questions.Count:N0} questions); the loader and the §10.5 metrics on its 128×128 masks are ready. {NotReproduced}";
    }
}
