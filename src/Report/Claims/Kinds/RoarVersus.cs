namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 2: <c>method</c>'s ROAR AUC is lower (a more faithful ranking) than <c>over</c>'s (the random ranking) on every ROAR data
/// set: the seed-paired AUC difference, one-sided. Holds when the 95 % interval lies below 0, contradicted when above it,
/// otherwise not detected.
/// </summary>
public sealed class RoarVersus : ClaimKind
{
    public override string Name => "roar_versus";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part2];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("ROAR was not in this run");
        if (context.FromPaper) return ClaimOutcome.NotReported($"the paper ran no {context.Names.Display(claim.Over)} ranking");
        var names = context.Names;
        var rows = new List<(string Dataset, Interval Difference, Verdict Verdict)>();
        foreach (var dataset in claim.Datasets.Count > 0 ? claim.Datasets : results.RoarDatasets)
        {
            var mine = results.RoarAuc(dataset, claim.Method);
            var theirs = results.RoarAuc(dataset, claim.Over);
            if (mine.Count == 0 || theirs.Count == 0) continue;
            var difference = Interval.OfMean(TabularResults.Paired(mine, theirs));
            rows.Add((dataset, difference, difference.Against(0, above: false, Verdict.NotDetected)));
        }
        if (rows.Count == 0) return ClaimOutcome.NotRun($"ROAR has no {names.Display(claim.Over)} ranking in this run (add it to roar.methods)");
        int n = rows.Max(r => r.Difference.N);
        return new ClaimOutcome(VerdictText.All(rows.Select(r => r.Verdict)),
            $"AUC({names.Display(claim.Method)}) − AUC({names.Display(claim.Over)}): " +
            string.Join("; ", rows.Select(r => $"{r.Dataset} {r.Difference.Text("+0.0000;-0.0000;0.0000")} {VerdictText.Of(r.Verdict)}")),
            rows.Max(r => r.Difference.Mean),
            n >= 2 ? $"seed-paired difference, 95 % t-interval over {n} seeds (one-sided reading)" : "one seed: the point difference decides (no interval)");
    }
}
