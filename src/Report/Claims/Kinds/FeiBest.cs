namespace Agop.Report.Claims.Kinds;

/// <summary>Part 4 (F1): per dataset, <c>method</c> (FEI) has a mean insertion above and a mean deletion below every method that is not an FEI variant.</summary>
public sealed class FeiBest : ClaimKind
{
    public override string Name => "fei_best";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        string fei = claim.Method;
        var results = new List<(string Dataset, bool Insertion, bool Deletion, string Text)>();
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            double ins = Part4Tables.Mean(track, dataset, fei, "insertion"), del = Part4Tables.Mean(track, dataset, fei, "deletion");
            if (double.IsNaN(ins) || double.IsNaN(del)) continue;
            var rivals = Part4Tables.MethodsOn(track, dataset).Where(m => !Part4Tables.IsFei(m))
                .Select(m => (Method: m, Ins: Part4Tables.Mean(track, dataset, m, "insertion"), Del: Part4Tables.Mean(track, dataset, m, "deletion")))
                .ToList();
            var insRivals = rivals.Where(r => !double.IsNaN(r.Ins)).ToList();
            var delRivals = rivals.Where(r => !double.IsNaN(r.Del)).ToList();
            if (insRivals.Count == 0 || delRivals.Count == 0) continue;
            var bestIns = insRivals.MaxBy(r => r.Ins);
            var bestDel = delRivals.MinBy(r => r.Del);
            bool insertion = ins > bestIns.Ins, deletion = del < bestDel.Del;
            var misses = new List<string>();
            if (!insertion) misses.Add($"insertion {ins:0.000} ≤ {names.Display(bestIns.Method)} {bestIns.Ins:0.000}");
            if (!deletion) misses.Add($"deletion {del:0.000} ≥ {names.Display(bestDel.Method)} {bestDel.Del:0.000}");
            results.Add((dataset, insertion, deletion, misses.Count == 0 ? dataset : $"{dataset} ({string.Join(", ", misses)})"));
        }
        if (results.Count == 0)
            return ClaimOutcome.NotRun(track.Scores.Any(s => s.Method == fei) ? "no dataset has FEI and another method with insertion and deletion" : "FEI was not in this run");
        int both = results.Count(r => r.Insertion && r.Deletion);
        return new ClaimOutcome($"both best on {both} of {results.Count} dataset(s) (insertion {results.Count(r => r.Insertion)}, deletion " +
                                $"{results.Count(r => r.Deletion)}){Part4Claims.Split(results.Select(r => (r.Insertion && r.Deletion, r.Text)))}",
            both / (double)results.Count, both == results.Count);
    }
}
