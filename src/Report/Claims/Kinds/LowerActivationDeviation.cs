namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 4 (F2): <c>method</c> (FEI) has a lower activation deviation than <c>over</c> (FEI-ext), paired per sample, at a similar
/// insertion and deletion (mean insertion at most <c>within</c> below, mean deletion at most <c>within</c> above). The sign test
/// decides the direction: significantly lower holds, significantly higher contradicts, neither is not detected; a dissimilar
/// insertion or deletion contradicts the claim's "at similar insertion/deletion".
/// </summary>
public sealed class LowerActivationDeviation : ClaimKind
{
    public override string Name => "lower_activation_deviation";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part4];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the paper's numbers are on ImageNet/CUB (not reproducible offline)");
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        var ran = Part4Tables.Methods(track);
        if (!ran.Contains(claim.Method) || !ran.Contains(claim.Over))
            return ClaimOutcome.NotRun($"{string.Join(" and ", new[] { claim.Method, claim.Over }.Where(m => !ran.Contains(m)).Select(names.Display))} not in this run");
        var paired = Part4Claims.Paired(track, claim.Method, claim.Over);
        if (paired.Pairs == 0) return ClaimOutcome.NotRun($"no test sample has per-sample scores of both {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        var sign = SignTest.Test(paired.ActivationDeviation);
        double ad = paired.ActivationDeviation.Average(), ins = Mean(paired.Insertion), del = Mean(paired.Deletion);
        bool significant = sign.PValue < SignTest.Alpha;
        var direction = !significant ? Verdict.NotDetected : sign.Below > sign.Above ? Verdict.Holds : Verdict.Contradicted;
        bool similar = ins >= -claim.Within && del <= claim.Within;
        var verdict = similar ? direction : Verdict.Contradicted;
        string text = $"AD lower in {sign.Below} of {sign.N} non-zero pairs ({sign.Above} higher, {sign.Zero} equal; {paired.Pairs} pairs), " +
                      $"mean ΔAD {ad:+0.0000;-0.0000;0.0000}; mean Δinsertion {ins:+0.000;-0.000;0.000}, " +
                      $"mean Δdeletion {del:+0.000;-0.000;0.000} ({(similar ? "similar: within" : "not similar: beyond")} the {claim.Within:0.00} tolerance)";
        return new ClaimOutcome(verdict, text, ad, $"two-sided sign test over {sign.N} pairs, {Part4Claims.P(sign.PValue)}, α = {SignTest.Alpha:0.00}", sign.PValue);
    }

    static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();
}
