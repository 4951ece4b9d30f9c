namespace Agop.Report.Claims.Kinds;

/// <summary>Part 3: mean(method) ≤ mean(over) + <c>within</c> on every scenario that ran (e.g. GradCAM no better than Random).</summary>
public sealed class Near : ClaimKind
{
    public override string Name => "near";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        var checks = track.Scenarios
            .Select(s => (Scenario: s, A: Part3Tables.Mean(track, s, background, claim.Method, metric), B: Part3Tables.Mean(track, s, background, claim.Over, metric)))
            .Where(c => !double.IsNaN(c.A) && !double.IsNaN(c.B)).ToList();
        if (checks.Count == 0) return ClaimOutcome.NotRun($"no {background} scenario has both {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        int ok = checks.Count(c => c.A <= c.B + claim.Within);
        return new ClaimOutcome($"{ok} of {checks.Count} scenario(s) within {names.Display(claim.Over)} + {claim.Within:0.00}: " +
                string.Join("; ", checks.Select(c => $"{c.Scenario} {c.A:0.000} vs {c.B:0.000}{(c.A <= c.B + claim.Within ? "" : " (above)")}")),
            checks.Max(c => c.A - c.B), ok == checks.Count);
    }
}
