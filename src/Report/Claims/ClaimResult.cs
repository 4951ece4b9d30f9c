namespace Agop.Report.Claims;

/// <summary>One paper claim decided under one config: the claim as its reference file states it and what we found.</summary>
public sealed record ClaimResult(string Paper, PaperClaim Source, string Id, ClaimOutcome Outcome)
{
    public string Claim => Source.Text;
    public string PaperValue => Source.Paper.Length > 0 ? Source.Paper : "stated";
    public string Ours => Outcome.Ours;
    public double Value => Outcome.Value;
    public bool? Holds => Outcome.Holds;
    public double PValue => Outcome.PValue;
    public string Verdict => Holds switch { true => "holds", false => "fails", null => "not decided" };
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
        var results = new List<ClaimResult>();
        if (data.Reference is { } reference) results.AddRange(ClaimEngine.Decide(AgopIxg, reference, context));
        if (data.Images is { Reference: { } images }) results.AddRange(ClaimEngine.Decide(AgopAsExplanation, images, context).Where(r => r.Source.Kind != "trend"));
        if (data.Faithfulness is { Reference: { } faith }) results.AddRange(ClaimEngine.Decide(BeyondOutputFaithfulness, faith, context));
        return results;
    }
}
