using System.Globalization;

namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 2, the shape of the ROAR curves against the unmodified model (t = 0) on <c>dataset</c>: each of <c>methods</c> exceeds
/// it at some fraction of <c>fractions</c> (seed-paired gain, 95 % t-interval above 0), and each of <c>others</c> stays at or
/// below it at every fraction (no interval above 0). Empty <c>fractions</c>: every fraction that ran.
/// </summary>
public sealed class RoarAgainstBaseline : ClaimKind
{
    public override string Name => "roar_baseline";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part2];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("ROAR was not in this run");
        var names = context.Names;
        if (context.FromPaper) return FromPaper(claim, results, names);
        var fractions = claim.Fractions.Count > 0 ? results.RoarFractions.Where(f => claim.Fractions.Any(c => Math.Abs(c - f) < 1e-9)).ToList() : results.RoarFractions;
        if (!results.RoarDatasets.Contains(claim.Dataset) || fractions.Count == 0) return ClaimOutcome.NotRun($"ROAR on {claim.Dataset} at {Fractions(claim.Fractions)}");
        var verdicts = new List<Verdict>();
        var evidence = new List<string>();
        int seeds = 0;
        List<(double Fraction, Interval Gain)> GainsOf(string method) =>
            fractions.Select(f => (Fraction: f, Gain: Interval.OfMean(results.RoarGain(claim.Dataset, method, f).Values))).Where(g => g.Gain.N > 0).ToList();
        foreach (var method in claim.Methods)
        {
            var gains = GainsOf(method);
            if (gains.Count == 0) continue;
            seeds = Math.Max(seeds, gains.Max(g => g.Gain.N));
            var best = gains.MaxBy(g => g.Gain.Mean);
            var verdict = gains.Any(g => g.Gain.Side() > 0) ? Verdict.Holds : gains.All(g => g.Gain.Side() < 0) ? Verdict.Contradicted : Verdict.NotDetected;
            verdicts.Add(verdict);
            evidence.Add($"{names.Display(method)} above: {VerdictText.Of(verdict)} (best at t = {best.Fraction:0.##}: {Points(best.Gain)})");
        }
        foreach (var method in claim.Others)
        {
            var gains = GainsOf(method);
            if (gains.Count == 0) continue;
            seeds = Math.Max(seeds, gains.Max(g => g.Gain.N));
            var highest = gains.MaxBy(g => g.Gain.Mean);
            var verdict = gains.Any(g => g.Gain.Side() > 0) ? Verdict.Contradicted : Verdict.Holds;
            verdicts.Add(verdict);
            evidence.Add($"{names.Display(method)} at or below: {VerdictText.Of(verdict)} (highest at t = {highest.Fraction:0.##}: {Points(highest.Gain)})");
        }
        if (verdicts.Count == 0) return ClaimOutcome.NotRun($"the claim's methods were not in ROAR on {claim.Dataset}");
        return new ClaimOutcome(VerdictText.All(verdicts), $"{claim.Dataset}, accuracy − unmodified model's, in points: {string.Join("; ", evidence)}", double.NaN,
            seeds >= 2 ? $"seed-paired gain, 95 % t-interval over {seeds} seeds, per fraction" : "one seed: the point gain decides (no interval)");
    }

    static string Points(Interval gain) => gain.HasInterval
        ? $"{gain.Mean * 100:+0.00;-0.00;0.00} [{gain.Low * 100:+0.00;-0.00;0.00}, {gain.High * 100:+0.00;-0.00;0.00}]"
        : $"{gain.Mean * 100:+0.00;-0.00;0.00}";

    static string Fractions(IEnumerable<double> fractions) => string.Join(", ", fractions.Select(f => f.ToString("0.##", CultureInfo.InvariantCulture)));

    /// <summary>The paper states peak accuracies for the methods that exceed the baseline and no number for those that stay below it.</summary>
    static ClaimOutcome FromPaper(PaperClaim claim, TabularResults results, MethodNames names)
    {
        double baseline = TabularResults.Mean(results.Model(claim.Dataset, "accuracy"));
        if (double.IsNaN(baseline)) baseline = results.Stated(claim.Dataset, "model", "accuracy");
        var peaks = claim.Methods.Select(m => (Method: m, Peak: results.Stated(claim.Dataset, m, "roar_peak_accuracy"))).Where(p => !double.IsNaN(p.Peak)).ToList();
        if (peaks.Count == 0 || double.IsNaN(baseline)) return ClaimOutcome.NotReported($"peak accuracies on {claim.Dataset}");
        return new ClaimOutcome(peaks.All(p => p.Peak > baseline) ? Verdict.Holds : Verdict.Contradicted,
            $"the paper: {string.Join(", ", peaks.Select(p => $"{names.Display(p.Method)} peaks at {p.Peak:0.000}"))} against the baseline {baseline:0.000}" +
            (claim.Others.Count > 0 ? $"; {string.Join(", ", claim.Others.Select(names.Display))}: no number given (\"at or below baseline\")" : ""),
            peaks.Min(p => p.Peak - baseline), "the paper's own numbers (no interval)");
    }
}
