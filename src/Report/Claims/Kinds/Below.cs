namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: <c>method</c> below <c>over</c> on <c>dataset</c>, decided by the paired sign test over the evaluated images
/// (<see cref="PairedComparison"/>); reproduced only when significantly below. The means are printed beside it.
/// </summary>
public sealed class Below : ClaimKind
{
    public override string Name => "below";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        double a = Part3Tables.Mean(track, claim.Dataset, background, claim.Method, metric);
        double b = Part3Tables.Mean(track, claim.Dataset, background, claim.Over, metric);
        if (double.IsNaN(a) || double.IsNaN(b)) return ClaimOutcome.NotRun(ImageClaimInputs.Missing(track, claim.Dataset, background, [claim.Method, claim.Over], names));
        var test = PairedComparison.Of(ImageClaimInputs.PairedDifferences(track, claim.Dataset, background, claim.Method, claim.Over, metric));
        bool? below = test.Test.N + test.Test.Zero == 0 ? null : test.Direction == PairedDirection.Below;
        return new ClaimOutcome($"{test.DirectionText} on {claim.Dataset}/{background}: {names.Display(claim.Method)} {a:0.000} vs {names.Display(claim.Over)} {b:0.000} " +
                                $"(means); {names.Display(claim.Method)} {test.Evidence}", a - b, below, test.Test.PValue);
    }
}
