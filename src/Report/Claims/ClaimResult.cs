namespace Agop.Report.Claims;

/// <summary>
/// One paper claim decided under one config: the claim as its reference file states it, what we found, and the scale it was
/// decided at against the paper's. The report's only verdict type: every table, the summary page and the CSVs read it.
/// </summary>
public sealed record ClaimResult(string Paper, PaperClaim Source, string Id, ClaimOutcome Outcome, string Scale = "")
{
    public string Claim => Source.Text;
    public string PaperValue => Source.Paper.Length > 0 ? Source.Paper : "stated";
    public string Ours => Outcome.Ours;
    public double Value => Outcome.Value;
    public Verdict Verdict => Outcome.Verdict;
    public string Uncertainty => Outcome.Uncertainty;
    public double PValue => Outcome.PValue;
    public string VerdictText => Claims.VerdictText.Of(Outcome.Verdict);
    public bool Decided => Outcome.Verdict != Verdict.NotRun;
}

/// <summary>Every paper's claims decided from one <see cref="ReportData"/>: the AGOP-IxG paper, then Part 3's, then Part 4's.</summary>
public static class AllClaims
{
    public const string AgopIxg = "AGOP-IxG";
    public const string AgopAsExplanation = "AGOP as Explanation";
    public const string BeyondOutputFaithfulness = "Beyond Output Faithfulness";

    public static IReadOnlyList<ClaimResult> Decide(ReportData data)
    {
        var context = ClaimContext.Of(data);
        var scale = new ClaimScale(data);
        var results = new List<ClaimResult>();
        if (data.Reference is { } reference) results.AddRange(ClaimEngine.Decide(AgopIxg, reference, context, scale));
        if (data.Images is { Reference: { } images }) results.AddRange(ClaimEngine.Decide(AgopAsExplanation, images, context, scale).Where(r => r.Source.Kind != "trend"));
        if (data.Faithfulness is { Reference: { } faith }) results.AddRange(ClaimEngine.Decide(BeyondOutputFaithfulness, faith, context, scale));
        return results;
    }

    /// <summary>One paper's claims from <paramref name="data"/>.</summary>
    public static IReadOnlyList<ClaimResult> Of(ReportData data, string paper) =>
        ClaimsRobustness.Rows(data).Where(r => r.Variant == ClaimsRobustness.Base && r.Result.Paper == paper).Select(r => r.Result).ToList();
}
