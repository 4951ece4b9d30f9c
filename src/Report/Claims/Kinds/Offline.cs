namespace Agop.Report.Claims.Kinds;

/// <summary>A claim that cannot be reproduced offline (its <c>note</c> says why): never decided.</summary>
public sealed class Offline : ClaimKind
{
    public override string Name => "offline";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context) =>
        new(Verdict.NotRun, claim.Note.Length > 0 ? claim.Note : "not reproducible offline", double.NaN);
}

/// <summary>A trend shown by a figure (H7, Figure 4), not decided by a verdict.</summary>
public sealed class Trend : ClaimKind
{
    public override string Name => "trend";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context) =>
        new(Verdict.NotRun, claim.Note.Length > 0 ? claim.Note : "shown by a figure", double.NaN);
}
