namespace Agop.Report.Claims;

/// <summary>
/// What one claim kind decides: the verdict, the evidence in words, its headline number, the statistic's uncertainty in words
/// ("P(rank 3) = 0.41 over 2,000 seed resamples", "+0.002 [−0.010, +0.014], 95 % t-interval over 4 seeds") and a p-value where a test gave one.
/// </summary>
public sealed record ClaimOutcome(Verdict Verdict, string Ours, double Value, string Uncertainty = "", double PValue = double.NaN)
{
    public static ClaimOutcome NotRun(string what) => new(Verdict.NotRun, $"not run: {what}", double.NaN);

    /// <summary>The paper does not report a number this claim reads: it cannot be checked on the paper's own numbers.</summary>
    public static ClaimOutcome NotReported(string what) => new(Verdict.NotRun, $"the paper reports no number for this: {what}", double.NaN);
}

/// <summary>Which part's results a claim reads (its scale, and which units a robustness variant must change to move it).</summary>
public enum ClaimTrack { Part1, Part2, Part3, Part4 }

/// <summary>
/// The numbers a claim may read. <see cref="Tabular"/> is Parts 1–2 as one results view (ours, or the paper's own numbers);
/// <see cref="Images"/> is Part 3 and <see cref="Faith"/> Part 4. <see cref="FromPaper"/>: the numbers are the paper's own
/// (one value per cell, no seeds), so claims are decided on point values and kinds that need per-sample data say so.
/// </summary>
public sealed record ClaimContext(MethodNames Names, TabularResults? Tabular = null, ImageTrack? Images = null, FaithTrack? Faith = null,
    bool FromPaper = false)
{
    /// <summary>The reference file of the claim's paper, so a kind can print the paper's own numbers beside ours.</summary>
    public PaperReference? Paper { get; init; }

    /// <summary>A config value as run ("" where unknown or for the paper's numbers).</summary>
    public Func<string, string> Setting { get; init; } = _ => "";

    public static ClaimContext Of(ReportData data) => new(data.Names, new OurTabularResults(data), data.Images, data.Faithfulness)
    {
        Setting = key => data.Parameters.FirstOrDefault(p => p.Key == key).Value ?? "",
    };

    /// <summary>The paper's own numbers (the <c>numbers:</c> block of its reference file) as the only results.</summary>
    public static ClaimContext OfPaper(PaperReference reference, MethodNames names) => new(names, new PaperTabularResults(reference), FromPaper: true);
}

/// <summary>One kind of claim (the <c>kind</c> field of a reference file): a rule that decides a claim of that kind from a results view.</summary>
public abstract class ClaimKind
{
    public abstract string Name { get; }
    public abstract ClaimOutcome Decide(PaperClaim claim, ClaimContext context);

    /// <summary>The parts whose results the claim reads.</summary>
    public abstract IReadOnlyList<ClaimTrack> Reads(PaperClaim claim);
}
