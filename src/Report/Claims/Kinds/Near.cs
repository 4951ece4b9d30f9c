namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: <c>method</c> is no better than <c>over</c> + <c>within</c> on every scenario that ran (GradCAM "fails": at chance, with
/// the stated tolerance): the per-image paired difference's 95 % interval below <c>within</c> holds, above it contradicts, across it ties.
/// </summary>
public sealed class Near : ClaimKind
{
    public override string Name => "near";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the abstract states it qualitatively");
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        var checks = track.Scenarios
            .Select(s => (Scenario: s, Difference: Interval.OfSampleMean(ImageClaimInputs.PairedDifferences(track, s, background, claim.Method, claim.Over, metric))))
            .Where(c => c.Difference.N > 0).ToList();
        if (checks.Count == 0) return ClaimOutcome.NotRun($"no {background} scenario has both {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        var verdicts = checks.Select(c => c.Difference.Against(claim.Within, above: false)).ToList();
        return new ClaimOutcome(VerdictText.All(verdicts),
            $"{names.Display(claim.Method)} − {names.Display(claim.Over)} per image, against the allowance {claim.Within:0.00}" +
            (claim.ToleranceReason.Length > 0 ? $" ({claim.ToleranceReason})" : "") + ": " +
            string.Join("; ", checks.Select((c, i) => $"{c.Scenario} {c.Difference.Text("+0.000;-0.000;0.000")} {VerdictText.Of(verdicts[i])}")),
            checks.Max(c => c.Difference.Mean), checks[0].Difference.Method);
    }
}
