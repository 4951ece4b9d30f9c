namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 1: <c>method</c> has the best (or, with <c>order: worst</c>, the worst) <c>metric</c> on every one of <c>datasets</c>
/// (lowest is best for noise mass and time). Against each rival, the seed-paired difference of the seed means and its 95 %
/// t-interval: the lead holds where the interval excludes 0 in the paper's direction, is a tie where it covers 0 and is
/// contradicted where it excludes 0 the other way. <c>tie_holds</c>: the paper itself calls the lead marginal, so a tie holds.
/// </summary>
public sealed class Leads : ClaimKind
{
    public override string Name => "leads";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part1];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("Part 1 was not in this run");
        var names = context.Names;
        bool worst = claim.Order == "worst";
        int orientation = (TabularResults.LowerIsBetter(claim.Metric) ? -1 : 1) * (worst ? -1 : 1);
        var verdicts = new List<Verdict>();
        var evidence = new List<string>();
        double closest = double.NaN;
        int seeds = 0;
        foreach (var dataset in claim.Datasets)
        {
            var mine = results.Part1(dataset, claim.Method, claim.Metric);
            var rivals = results.Methods.Where(m => m != claim.Method && (claim.Others.Count == 0 || claim.Others.Contains(m)))
                .Select(m => (Method: m, Values: results.Part1(dataset, m, claim.Metric))).Where(r => r.Values.Count > 0).ToList();
            if (mine.Count == 0 || rivals.Count == 0)
            {
                evidence.Add($"{dataset}: {(context.FromPaper ? "not reported" : "not run")}");
                continue;
            }
            var gaps = rivals.Select(r => (r.Method, Gap: Interval.OfMean(TabularResults.Paired(mine, r.Values).Select(d => orientation * d)))).ToList();
            // the rival that decides the verdict: the one whose interval comes closest to (or crosses) zero
            var nearest = gaps.MinBy(g => g.Gap.HasInterval ? g.Gap.Low : g.Gap.Mean);
            var verdict = VerdictText.All(gaps.Select(g => g.Gap.Against(0, above: true)));
            verdicts.Add(verdict);
            seeds = Math.Max(seeds, nearest.Gap.N);
            closest = double.IsNaN(closest) ? nearest.Gap.Mean : Math.Min(closest, nearest.Gap.Mean);
            evidence.Add($"{dataset}: {VerdictText.Of(verdict)}, {names.Display(claim.Method)} {TabularResults.Mean(mine):0.000}; closest call " +
                         $"{names.Display(nearest.Method)} {TabularResults.Mean(rivals.First(r => r.Method == nearest.Method).Values):0.000}, " +
                         $"margin {nearest.Gap.Text()}");
        }
        if (verdicts.Count == 0)
            return context.FromPaper ? ClaimOutcome.NotReported($"{claim.Metric} of {names.Display(claim.Method)} and a rival on {string.Join(", ", claim.Datasets)}")
                : ClaimOutcome.NotRun($"{claim.Metric} of {names.Display(claim.Method)} and a rival on {string.Join(", ", claim.Datasets)}");
        var overall = VerdictText.All(verdicts);
        string note = "";
        if (overall == Verdict.Tie && claim.TieHolds)
        {
            overall = Verdict.Holds;
            note = " (a tie, which is what the paper claims: it calls this lead marginal)";
        }
        if (verdicts.Count < claim.Datasets.Count && overall == Verdict.Holds && !context.FromPaper) overall = Verdict.NotRun;
        string uncertainty = seeds >= 2 ? $"margin = seed-paired difference in the paper's direction, 95 % t-interval over {seeds} seeds"
            : context.FromPaper ? "the paper's own means (no interval)" : "one seed: the point margin decides (no interval)";
        return new ClaimOutcome(overall, string.Join("; ", evidence) + note, closest, uncertainty);
    }
}
