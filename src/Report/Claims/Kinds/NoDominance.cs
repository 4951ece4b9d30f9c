namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Parts 1 and 2: no single method dominates across regimes. The cells are Part 1's (dataset, <c>metric</c> of <c>methods</c>…)
/// — every Part 1 metric the claim lists, default Spearman, top-k and noise mass — and each ROAR data set's AUC. A method is
/// beaten in a cell when a rival's seed-paired margin over it has a 95 % t-interval above 0. Holds when every method is beaten
/// somewhere; contradicted when one method is significantly ahead of every rival in every cell; a tie otherwise.
/// </summary>
public sealed class NoDominance : ClaimKind
{
    static readonly string[] DefaultMetrics = ["spearman", "topk", "noise_mass"];

    public override string Name => "no_dominance";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part1, ClaimTrack.Part2];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("Parts 1 and 2 were not in this run");
        if (context.FromPaper) return ClaimOutcome.NotReported("Table 1's and Table 3's cells (lost from the seed text)");
        var names = context.Names;
        var metrics = claim.Metric.Length > 0 ? [claim.Metric] : DefaultMetrics;
        var methods = (claim.Methods.Count > 0 ? claim.Methods : results.Methods).Where(m => results.Methods.Contains(m)).ToList();
        var cells = new List<(string Cell, Func<string, IReadOnlyDictionary<int, double>> Values, int Orientation)>();
        foreach (var dataset in results.Datasets)
            foreach (var metric in metrics)
                cells.Add(($"{dataset} {metric}", m => results.Part1(dataset, m, metric), TabularResults.LowerIsBetter(metric) ? -1 : 1));
        foreach (var dataset in results.RoarDatasets)
            cells.Add(($"ROAR {dataset}", m => results.RoarAuc(dataset, m), -1));
        if (methods.Count < 2 || cells.Count == 0) return ClaimOutcome.NotRun("fewer than two methods or no cell");
        var beaten = new List<string>();
        var dominant = new List<string>();
        var unbeaten = new List<string>();
        foreach (var method in methods)
        {
            string? where = null;
            bool aheadEverywhere = true;
            foreach (var (cell, values, orientation) in cells)
            {
                var mine = values(method);
                if (mine.Count == 0) { aheadEverywhere = false; continue; }
                var margins = methods.Where(m => m != method).Select(m => (m, Margin: Interval.OfMean(TabularResults.Paired(values(m), mine).Select(d => orientation * d))))
                    .Where(x => x.Margin.N > 0).ToList();
                if (margins.Count == 0) continue;
                var strongest = margins.MaxBy(x => x.Margin.Mean);
                if (where is null && strongest.Margin.Side() > 0) where = $"{cell} (by {names.Display(strongest.m)})";
                if (!margins.All(x => x.Margin.Side() < 0)) aheadEverywhere = false;
            }
            if (where is not null) beaten.Add($"{names.Display(method)}: {where}");
            else if (aheadEverywhere) dominant.Add(names.Display(method));
            else unbeaten.Add(names.Display(method));
        }
        var verdict = dominant.Count > 0 ? Verdict.Contradicted : unbeaten.Count == 0 ? Verdict.Holds : Verdict.Tie;
        string text = $"{cells.Count} cells ({string.Join(", ", metrics)} per Part 1 dataset, AUC per ROAR data set); each method's first significant loss: " +
                      string.Join("; ", beaten) +
                      (unbeaten.Count > 0 ? $"; never significantly beaten: {string.Join(", ", unbeaten)}" : "") +
                      (dominant.Count > 0 ? $"; significantly ahead in every cell: {string.Join(", ", dominant)}" : "");
        return new ClaimOutcome(verdict, text, beaten.Count / (double)methods.Count, "seed-paired margins, 95 % t-intervals over the seeds of each cell");
    }
}
