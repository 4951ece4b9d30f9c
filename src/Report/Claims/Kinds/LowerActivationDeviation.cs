namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 4 (F2): <c>method</c> (FEI) has a lower activation deviation than <c>over</c> (FEI-ext), paired per sample and decided by
/// the sign test, at a similar insertion and deletion: mean insertion at most <c>within</c> below, mean deletion at most <c>within</c> above.
/// </summary>
public sealed class LowerActivationDeviation : ClaimKind
{
    public override string Name => "lower_activation_deviation";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        var ran = Part4Tables.Methods(track);
        if (!ran.Contains(claim.Method) || !ran.Contains(claim.Over))
            return ClaimOutcome.NotRun($"{string.Join(" and ", new[] { claim.Method, claim.Over }.Where(m => !ran.Contains(m)).Select(names.Display))} not in this run");
        var paired = Part4Claims.Paired(track, claim.Method, claim.Over);
        if (paired.Pairs == 0) return ClaimOutcome.NotRun($"no test sample has per-sample scores of both {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        var sign = SignTest.Test(paired.ActivationDeviation);
        double ad = paired.ActivationDeviation.Average(), ins = Mean(paired.Insertion), del = Mean(paired.Deletion);
        bool lower = sign.Below > sign.Above && ad < 0 && sign.PValue < PairedComparison.Alpha;
        bool similar = ins >= -claim.Within && del <= claim.Within;
        string text = $"AD lower in {sign.Below} of {sign.N} non-zero pairs ({sign.Above} higher, {sign.Zero} equal; {paired.Pairs} pairs), " +
                      $"mean ΔAD {ad:+0.0000;-0.0000;0.0000}, sign test {Part4Claims.P(sign.PValue)}; mean Δinsertion {ins:+0.000;-0.000;0.000}, " +
                      $"mean Δdeletion {del:+0.000;-0.000;0.000} ({(similar ? "similar: within" : "not similar: beyond")} the {claim.Within:0.00} tolerance)";
        return new ClaimOutcome(text, ad, lower && similar, sign.PValue);
    }

    static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();
}
