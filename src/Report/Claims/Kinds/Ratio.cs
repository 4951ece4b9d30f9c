namespace Agop.Report.Claims.Kinds;

/// <summary>Part 3: mean <c>metric</c>(method) / mean <c>metric</c>(over) on <c>dataset</c>; reproduced when above <c>at_least</c> (the paper's direction).</summary>
public class Ratio : ClaimKind
{
    public override string Name => "ratio";

    /// <summary>True for <see cref="Gain"/>: the ratio minus one, shown as a percentage.</summary>
    protected virtual bool IsGain => false;

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        double a = Part3Tables.Mean(track, claim.Dataset, background, claim.Method, metric);
        double b = Part3Tables.Mean(track, claim.Dataset, background, claim.Over, metric);
        if (double.IsNaN(a) || double.IsNaN(b)) return ClaimOutcome.NotRun(ImageClaimInputs.Missing(track, claim.Dataset, background, [claim.Method, claim.Over], context.Names));
        double ratio = b == 0 ? (a > 0 ? double.PositiveInfinity : double.NaN) : a / b;
        double value = IsGain ? ratio - 1 : ratio;
        string shown = double.IsNaN(value) ? "undefined (both 0)" : double.IsPositiveInfinity(value) ? "∞" : IsGain ? $"{value * 100:+0;-0;0} %" : $"{value:0.00}×";
        return new ClaimOutcome($"{shown} on {claim.Dataset}/{background} ({context.Names.Display(claim.Method)} {a:0.000} / {context.Names.Display(claim.Over)} {b:0.000})",
            value, double.IsNaN(value) ? null : value > claim.AtLeast);
    }
}

/// <summary>Part 3: the relative gain mean(method) / mean(over) − 1; reproduced when above <c>at_least</c>.</summary>
public sealed class Gain : Ratio
{
    public override string Name => "gain";
    protected override bool IsGain => true;
}
