namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 4 (F1): per dataset, <c>method</c> (FEI) has a higher insertion and a lower deletion than every method that is not an FEI
/// variant, paired on FEI's own samples (same dataset, seed and index): for each rival and metric the per-sample difference's
/// 95 % interval in FEI's favour holds, against it contradicts, across it ties. The value is the share of datasets where it holds.
/// </summary>
public sealed class FeiBest : ClaimKind
{
    public override string Name => "fei_best";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part4];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the paper's numbers are on ImageNet/CUB (not reproducible offline)");
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        string fei = claim.Method;
        var results = new List<(string Dataset, Verdict Verdict, string Text)>();
        int pairs = 0;
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            var rivals = Part4Tables.MethodsOn(track, dataset).Where(m => !Part4Tables.IsFei(m)).ToList();
            var onDataset = track with { Samples = track.Samples.Where(s => s.Dataset == dataset).ToList() };
            var comparisons = rivals.Select(r => (Rival: r, Paired: Part4Claims.Paired(onDataset, fei, r))).Where(c => c.Paired.Pairs > 0).ToList();
            if (comparisons.Count == 0) continue;
            pairs = Math.Max(pairs, comparisons.Max(c => c.Paired.Pairs));
            var parts = new List<(Verdict Verdict, string Text)>();
            foreach (var (rival, paired) in comparisons)
            {
                var insertion = Interval.OfSampleMean(paired.Insertion);
                var deletion = Interval.OfSampleMean(paired.Deletion);
                parts.Add((insertion.Against(0, above: true), $"insertion vs {names.Display(rival)} {insertion.Text()}"));
                parts.Add((deletion.Against(0, above: false), $"deletion vs {names.Display(rival)} {deletion.Text()}"));
            }
            var verdict = VerdictText.All(parts.Select(p => p.Verdict));
            var misses = parts.Where(p => p.Verdict != Verdict.Holds).Select(p => $"{p.Text} {VerdictText.Of(p.Verdict)}").ToList();
            results.Add((dataset, verdict, misses.Count == 0 ? $"{dataset} holds" : $"{dataset} {VerdictText.Of(verdict)} ({string.Join(", ", misses)})"));
        }
        if (results.Count == 0)
            return ClaimOutcome.NotRun(track.Scores.Any(s => s.Method == fei) ? "no dataset has FEI and another method on the same samples" : "FEI was not in this run");
        int holding = results.Count(r => r.Verdict == Verdict.Holds);
        return new ClaimOutcome(VerdictText.All(results.Select(r => r.Verdict)),
            $"holds on {holding} of {results.Count} dataset(s): {string.Join("; ", results.Select(r => r.Text))}", holding / (double)results.Count,
            $"per-sample differences on FEI's samples (up to {pairs} a dataset), 95 % normal intervals, every rival and both metrics");
    }
}
