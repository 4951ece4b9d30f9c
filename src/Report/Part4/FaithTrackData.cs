namespace Agop.Report;

/// <summary>
/// One (dataset, seed, method) of Part 4 (SPEC §11): mean over the evaluated samples of the per-sample scores. Insertion/deletion
/// use RISE's normalised trapezoid AUC of the softmax probability of the original top class; PixelFlipping is Quantus's
/// un-normalised AUC; AD, AP and the spurious-activation rate are averaged over the insertion path (t = 0.1 … 0.5).
/// </summary>
/// <param name="Dataset">A Part 1 generator (linear, sparse, interaction), a real data set (adult, credit) or an XAI-TRIS dataset ("linear/white").</param>
/// <param name="Method">A method id, or "random_order" for the random-order floor.</param>
public sealed record FaithScore(string Dataset, int Seed, string Method, int Samples,
    double Insertion, double Deletion, double PixelFlipping, double ActivationDeviation, double ActivationPreservation, double SpuriousRate);

/// <summary>One sample's scores, for the paired statistics of Table 6b (same dataset, seed and sample index across methods).</summary>
public readonly record struct FaithSample(string Dataset, int Seed, string Method, int Index, float Insertion, float Deletion, float ActivationDeviation,
    float SpuriousRate = float.NaN);

/// <summary>Figure 6: the mean insertion and deletion curves of one (dataset, method) over samples and seeds, at x = i/n.</summary>
public sealed record FaithCurve(string Dataset, string Method, double[] Insertion, double[] Deletion);

/// <summary>Everything the report shows about Part 4; absent when <c>faith.enabled</c> is false.</summary>
/// <param name="Datasets">In table order: Part 1 generators, then real data sets, then XAI-TRIS datasets.</param>
/// <param name="Methods">Method ids in column order (FEI variants included when they ran); the floor is not listed here.</param>
/// <param name="Choices">Every [choice] of SPEC §11 a number depends on, as (setting, value).</param>
public sealed record FaithTrack(
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<FaithScore> Scores,
    IReadOnlyList<FaithScore> RandomFloor,
    IReadOnlyList<FaithSample> Samples,
    IReadOnlyList<FaithCurve> Curves,
    IReadOnlyList<(string Key, string Value)> Choices)
{
    /// <summary>The claims of "Beyond Output Faithfulness" (<c>configs/reference/beyond-output-faithfulness-paper.yaml</c>); none without it.</summary>
    public PaperReference? Reference { get; init; }
}
