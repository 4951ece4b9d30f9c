namespace Agop.Report;

/// <summary>One (dataset, seed, method) evaluation of Part 3: localisation scores averaged over the correctly classified test images.</summary>
/// <param name="MIoUOwn">mIoU against the per-sample 4-pixel mask (NaN where the scenario has only per-sample masks).</param>
/// <param name="Emd">XT's EMD score, normalised by √128 (XT's code); <paramref name="Emd98"/> uses √98 (XT's comment).</param>
/// <param name="Seconds">Attribution wall time of the unit; <paramref name="SecondsPer1000"/> scales it to 1,000 images.</param>
public sealed record ImageScore(string Scenario, string Background, int Seed, string Method, int Samples,
    double MIoU, double MIoUOwn, double Precision, double Emd, double Emd98, double RelevanceMass, double RankAccuracy,
    double Seconds, double SecondsPer1000);

/// <summary>One correctly classified test image's IoU under one method (pairs of methods are matched by seed and index).</summary>
public sealed record ImageSample(string Scenario, string Background, int Seed, string Method, int Index, double MIoU, double MIoUOwn)
{
    /// <summary>A per-sample score by its name in the reference file (miou, miou_own); NaN for any other.</summary>
    public double Metric(string metric) => metric switch { "miou" => MIoU, "miou_own" => MIoUOwn, _ => double.NaN };
}

/// <summary>
/// Where a method's top-k pixels (k = the combined mask's size, by |a|, ties to the lower index) land on a combined-mask scenario,
/// as shares over the correctly classified test images (seeds pooled): the sample's own tetromino, the other class's location
/// (the combined mask outside the own one) and the background. The mechanism behind H2/H3's dependence on the mask.
/// </summary>
public sealed record TopPixelLanding(string Scenario, string Background, string Method, int Images, double Own, double OtherClass, double Elsewhere);

/// <summary>Table 5: one trained CNN8by8.</summary>
public sealed record ImageModelQuality(string Scenario, string Background, int Seed, double Accuracy, double Confidence,
    int EpochsRun, int EpochKept, double TrainSeconds);

/// <summary>One tracked epoch of the training-time AGOP hook (H7): quality of diag(M) and the validation accuracy.</summary>
/// <param name="IoU8">IoU of the top-8 pixels of diag(M) with the combined mask; NaN for translations_rotations.</param>
public sealed record AgopEpoch(int Epoch, double Pearson, double IoU8, double ValAccuracy);

/// <summary>The diag(M) trace of one model, with the fit cost and (online hook only) the correlation with the exact diag(M).</summary>
public sealed record AgopTrace(string Scenario, string Background, int Seed, IReadOnlyList<AgopEpoch> Epochs, double FitSeconds,
    double? OnlineCorrelation);

/// <summary>A map shown in Figure 3: <paramref name="Column"/> is "input", "mask" or a method id.</summary>
public sealed record ImageMap(string Scenario, string Background, int TestIndex, int Label, string Column, int Size, float[] Values);

/// <summary>Figure 5: diag(M) of the first seed next to the ground-truth frequency F.</summary>
public sealed record AgopMap(string Scenario, string Background, int Size, float[] DiagM, float[] Frequency);

/// <summary>Everything the report shows about Part 3 (SPEC §10); absent when <c>image.enabled</c> is false.</summary>
/// <param name="ChanceIoU">Analytic E[IoU] of a random top-k map, by mask size k (8 → 0.0705, 4 → 0.0366).</param>
/// <param name="Choices">Every [choice] of SPEC §10 a number depends on, as (setting, value), printed beside the tables.</param>
/// <param name="ClevrXai">One line on CLEVR-XAI: what was found at the configured path, and why H4/H5 are not reproduced.</param>
public sealed record ImageTrack(
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Backgrounds,
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<ImageScore> Scores,
    IReadOnlyList<ImageModelQuality> Models,
    IReadOnlyList<AgopTrace> Traces,
    IReadOnlyList<ImageMap> Figure3,
    IReadOnlyList<AgopMap> Figure5,
    IReadOnlyDictionary<int, double> ChanceIoU,
    IReadOnlyList<(string Key, string Value)> Choices,
    PaperReference? Reference,
    string ClevrXai,
    double AccuracyGate = 0.75)
{
    /// <summary>Per-image IoUs, for the paired tests of the claims.</summary>
    public IReadOnlyList<ImageSample> Samples { get; init; } = [];
    /// <summary>True when the evaluation units scored the headline mIoU against each sample's own mask (<c>image.miou.mask: own</c>, from their manifests).</summary>
    public bool OwnMaskHeadline { get; init; }
    /// <summary>Where each method's top pixels land on the combined-mask scenarios of the claims' background.</summary>
    public IReadOnlyList<TopPixelLanding> Landings { get; init; } = [];
}
