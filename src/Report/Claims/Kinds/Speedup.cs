using System.Globalization;

namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 1: <c>method</c> is at least about <c>at_least</c> times faster than <c>over</c> on every dataset: the ratio of mean
/// attribution times, with a 95 % t-interval of the seed ratios' geometric mean; the threshold is at_least × (1 − tolerance).
/// It also says what is timed on each side and the cost in gradient passes, since the paper timed another implementation.
/// </summary>
public sealed class Speedup : ClaimKind
{
    public override string Name => "speedup";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part1];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("Part 1 was not in this run");
        double threshold = claim.AtLeast * (1 - claim.Tolerance);
        var rows = new List<(string Dataset, Interval LogRatio, Verdict Verdict)>();
        foreach (var dataset in results.Datasets)
        {
            var over = results.Part1(dataset, claim.Over, "time_s");
            var mine = results.Part1(dataset, claim.Method, "time_s");
            var logs = over.Keys.Where(mine.ContainsKey).Where(s => mine[s] > 0 && over[s] > 0).Select(s => Math.Log(over[s] / mine[s])).ToList();
            if (logs.Count == 0) continue;
            var interval = Interval.OfMean(logs);
            rows.Add((dataset, interval, interval.Against(Math.Log(threshold), above: true)));
        }
        if (rows.Count == 0) return context.FromPaper ? ClaimOutcome.NotReported("the times per dataset") : ClaimOutcome.NotRun("timings missing");
        static string X(double v) => $"{Math.Exp(v).ToString("#,0", CultureInfo.InvariantCulture)}×";
        string ratios = string.Join(", ", rows.Select(r => $"{r.Dataset} {X(r.LogRatio.Mean)}" + (r.LogRatio.HasInterval ? $" [{X(r.LogRatio.Low)}, {X(r.LogRatio.High)}]" : "")));
        string reading = $"threshold {claim.AtLeast:#,0}× × (1 − {claim.Tolerance:0.##%}) = {threshold:#,0.#}×" +
                         (claim.ToleranceReason.Length > 0 ? $" ({claim.ToleranceReason})" : "");
        string text = context.FromPaper ? $"the paper's Table 1: {ratios}; {reading}" : $"ours: {ratios}; {reading}. {LikeWithLike(claim, context)}";
        int seeds = rows.Max(r => r.LogRatio.N);
        string uncertainty = seeds >= 2 ? $"geometric mean of the seed ratios, 95 % t-interval over {seeds} seeds" : "point ratio of the mean times (no interval)";
        return new ClaimOutcome(VerdictText.All(rows.Select(r => r.Verdict)), text, rows.Min(r => Math.Exp(r.LogRatio.Mean)), uncertainty);
    }

    /// <summary>What the paper timed against what we time, and each method's cost in gradient passes a sample.</summary>
    static string LikeWithLike(PaperClaim claim, ClaimContext context)
    {
        var names = context.Names;
        string background = context.Setting("methods.shap.background");
        string paperRatios = context.Paper is { } paper ? PaperRatios(paper, claim) : "";
        string cost = background.Length > 0
            ? $"Cost in gradient passes a sample: {names.Display(claim.Over)} about {background} (one rescale pass per background row), " +
              $"{names.Display(claim.Method)} one (plus two d×K products), so the cost model alone predicts about {background}×; a measured ratio " +
              "away from that measures the two implementations and their fixed per-call costs, not the methods. "
            : "";
        return $"Like with like: the paper timed the Python shap library's DeepExplainer on one GPU{paperRatios}; we time our own fused " +
               $"DeepSHAP on this machine's CPU against {names.Display(claim.Method)}. {cost}".TrimEnd();
    }

    static string PaperRatios(PaperReference paper, PaperClaim claim)
    {
        var own = new PaperTabularResults(paper);
        var ratios = own.Datasets.Select(d => (d, Over: TabularResults.Mean(own.Part1(d, claim.Over, "time_s")), Mine: TabularResults.Mean(own.Part1(d, claim.Method, "time_s"))))
            .Where(r => r.Over > 0 && r.Mine > 0).Select(r => $"{r.d} {r.Over:0.##} s / {r.Mine:0.###} s = {r.Over / r.Mine:#,0}×").ToList();
        return ratios.Count == 0 ? "" : $" ({string.Join(", ", ratios)})";
    }
}
