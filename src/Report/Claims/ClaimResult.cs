namespace Agop.Report.Claims;

/// <summary>
/// One paper claim decided under one config: what we measured, the paper's value and the verdict. <paramref name="Holds"/>:
/// true = reproduced (supported), false = not, null = not run or no verdict.
/// </summary>
public sealed record ClaimResult(string Paper, string Id, string Claim, string PaperValue, string Ours, bool? Holds, double PValue = double.NaN)
{
    public string Verdict => Holds switch { true => "holds", false => "fails", null => "not decided" };
}

/// <summary>Every paper's claims decided from one <see cref="ReportData"/>, in one shape (Part 1–2, Part 3 and Part 4).</summary>
public static class AllClaims
{
    public const string AgopIxg = "AGOP-IxG";
    public const string AgopAsExplanation = "AGOP as Explanation";
    public const string BeyondOutputFaithfulness = "Beyond Output Faithfulness";

    public static IReadOnlyList<ClaimResult> Decide(ReportData data)
    {
        var results = new List<ClaimResult>();
        if (data.Reference is { } reference)
        {
            var verdicts = ClaimChecker.Check(reference, data);
            for (int i = 0; i < verdicts.Count; i++)
            {
                var claim = reference.Claims[i];
                results.Add(new ClaimResult(AgopIxg, claim.Id.Length > 0 ? claim.Id : $"C{i + 1}", verdicts[i].Claim,
                    claim.Paper.Length > 0 ? claim.Paper : "stated", verdicts[i].Evidence, verdicts[i].Supported));
            }
        }
        if (data.Images is { } images)
            results.AddRange(Part3Claims.Check(images, data.Names).Select(v =>
                new ClaimResult(AgopAsExplanation, v.Id, v.Claim, v.Paper, v.Ours, v.Reproduced, v.PValue)));
        if (data.Faithfulness is { } faith)
            results.AddRange(Part4Claims.Check(faith, data.Names).Select(v =>
                new ClaimResult(BeyondOutputFaithfulness, v.Id, v.Claim, "qualitative", v.Ours, v.Supported, v.PValue)));
        return results;
    }
}
