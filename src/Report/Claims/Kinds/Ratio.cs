namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: mean <c>metric</c>(method) / mean <c>metric</c>(over) on <c>dataset</c>, with a 95 % percentile interval over seed
/// resamples; the claim is the paper's direction (above <c>at_least</c>): holds when the interval lies above it, contradicted when
/// below it, a tie across it. The paper's magnitude is printed beside ours. On the paper's numbers, its stated value decides.
/// </summary>
public class Ratio : ClaimKind
{
    public override string Name => "ratio";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    /// <summary>True for <see cref="Gain"/>: the ratio minus one, shown as a percentage.</summary>
    protected virtual bool IsGain => false;

    string Show(double value) => double.IsNaN(value) ? "undefined (both 0)" : double.IsPositiveInfinity(value) ? "∞" : IsGain ? $"{value * 100:+0;-0;0} %" : $"{value:0.00}×";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper)
            return double.IsNaN(claim.Value) ? ClaimOutcome.NotReported(claim.Id)
                : new ClaimOutcome(claim.Value > claim.AtLeast ? Verdict.Holds : Verdict.Contradicted, $"the paper states {claim.Paper}", claim.Value,
                    "the paper's own number (no interval)");
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var mine = ImageClaimInputs.BySeed(track, claim.Dataset, background, claim.Method, metric);
        var theirs = ImageClaimInputs.BySeed(track, claim.Dataset, background, claim.Over, metric);
        var seeds = mine.Keys.Where(theirs.ContainsKey).Where(s => !double.IsNaN(mine[s]) && !double.IsNaN(theirs[s])).Order().ToList();
        if (seeds.Count == 0) return ClaimOutcome.NotRun(ImageClaimInputs.Missing(track, claim.Dataset, background, [claim.Method, claim.Over], context.Names));
        double Value(IReadOnlyList<int> drawn)
        {
            double a = drawn.Average(s => mine[s]), b = drawn.Average(s => theirs[s]);
            double ratio = b == 0 ? (a > 0 ? double.PositiveInfinity : double.NaN) : a / b;
            return IsGain ? ratio - 1 : ratio;
        }
        double value = Value(seeds);
        var interval = seeds.Count >= 2 && SeedBootstrap.Percentiles(SeedBootstrap.Resample(seeds, Value)) is var (low, high)
            ? new Interval(value, low, high, seeds.Count, "") : new Interval(value, value, value, 1, "");
        var verdict = double.IsNaN(value) ? Verdict.NotRun : interval.Against(claim.AtLeast, above: true);
        double a = seeds.Average(s => mine[s]), b = seeds.Average(s => theirs[s]);
        string range = interval.HasInterval ? $" [{Show(interval.Low)}, {Show(interval.High)}]" : "";
        return new ClaimOutcome(verdict, $"{Show(value)}{range} on {claim.Dataset}/{background} ({context.Names.Display(claim.Method)} {a:0.000} / " +
                                         $"{context.Names.Display(claim.Over)} {b:0.000}; paper {claim.Paper})", value,
            seeds.Count >= 2 ? $"95 % percentile interval over {SeedBootstrap.Resamples:#,0} resamples of the {seeds.Count} seeds" : "one seed: the point ratio decides (no interval)");
    }
}

/// <summary>Part 3: the relative gain mean(method) / mean(over) − 1; the paper's direction is above <c>at_least</c>.</summary>
public sealed class Gain : Ratio
{
    public override string Name => "gain";
    protected override bool IsGain => true;
}
