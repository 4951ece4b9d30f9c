namespace Agop.Report;

public sealed record ClaimVerdict(string Claim, bool? Supported, string Evidence);

/// <summary>The AGOP-IxG paper's claims (Parts 1 and 2), decided by the <see cref="Claims.ClaimEngine"/>; null = cannot be decided.</summary>
public static class ClaimChecker
{
    public static IReadOnlyList<ClaimVerdict> Check(PaperReference reference, ReportData data) =>
        Claims.ClaimEngine.Decide(Claims.AllClaims.AgopIxg, reference, Claims.ClaimContext.Of(data))
            .Select(r => new ClaimVerdict(r.Claim, r.Holds, r.Ours)).ToList();
}
