namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 2: on every data set the methods' mean ROAR AUCs lie within about <c>within</c> of each other, relative to their mean:
/// spread = (max − min) / mean of the method means, with a 95 % percentile interval over seed resamples. "About" allows
/// <c>tolerance</c> (relative) above <c>within</c>: holds when the interval lies below the allowance, contradicted when above it.
/// </summary>
public sealed class RoarCluster : ClaimKind
{
    public override string Name => "roar_cluster";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part2];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("ROAR was not in this run");
        double allowed = claim.Within * (1 + claim.Tolerance);
        string reading = $"\"about {claim.Within:0.0%}\" read as at most {claim.Within:0.0%} × (1 + {claim.Tolerance:0%}) = {allowed:0.00%}" +
                         (claim.ToleranceReason.Length > 0 ? $" ({claim.ToleranceReason})" : "");
        if (context.FromPaper)
        {
            double stated = results.Stated("all", "all", "roar_auc_spread");
            if (double.IsNaN(stated)) return ClaimOutcome.NotReported("the AUC spread");
            return new ClaimOutcome(stated <= allowed ? Verdict.Holds : Verdict.Contradicted, $"the paper's spread {stated:0.0%}; {reading}", stated,
                "the paper's own number (no interval)");
        }
        var rows = new List<(string Dataset, Interval Spread, Verdict Verdict, string Note)>();
        foreach (var dataset in results.RoarDatasets)
        {
            var methods = RoarMethods.Of(claim, results);
            var (seeds, aucs) = RoarMethods.Aucs(results, dataset, methods);
            if (seeds.Count == 0 || methods.Count < 2) continue;
            double Spread(IReadOnlyList<int> drawn, IEnumerable<string> among)
            {
                var means = among.Select(m => RoarMethods.MeanOver(aucs[m], drawn)).ToList();
                return (means.Max() - means.Min()) / means.Average();
            }
            double point = Spread(seeds, methods);
            var interval = seeds.Count >= 2
                ? SeedBootstrap.Percentiles(SeedBootstrap.Resample(seeds, drawn => Spread(drawn, methods))) is var (low, high)
                    ? new Interval(point, low, high, seeds.Count, "") : null
                : new Interval(point, point, point, 1, "");
            var highest = methods.MaxBy(m => RoarMethods.MeanOver(aucs[m], seeds))!;
            var lowest = methods.MinBy(m => RoarMethods.MeanOver(aucs[m], seeds))!;
            string note = methods.Count > 2
                ? $" ({Spread(seeds, methods.Where(m => m != highest)):0.00%} without {context.Names.Display(highest)}, the highest AUC; " +
                  $"{Spread(seeds, methods.Where(m => m != lowest)):0.00%} without {context.Names.Display(lowest)}, the lowest)"
                : "";
            var verdict = interval!.Against(allowed, above: false);
            rows.Add((dataset, interval, verdict, note));
        }
        if (rows.Count == 0) return ClaimOutcome.NotRun("ROAR was not run");
        string Percent(Interval i) => i.HasInterval ? $"{i.Mean:0.00%} [{i.Low:0.00%}, {i.High:0.00%}]" : $"{i.Mean:0.00%}";
        int n = rows.Max(r => r.Spread.N);
        return new ClaimOutcome(VerdictText.All(rows.Select(r => r.Verdict)),
            $"relative AUC spread (max − min) / mean: {string.Join("; ", rows.Select(r => $"{r.Dataset} {Percent(r.Spread)} {VerdictText.Of(r.Verdict)}{r.Note}"))}; {reading}",
            rows.Max(r => r.Spread.Mean),
            n >= 2 ? $"95 % percentile interval over {SeedBootstrap.Resamples:#,0} resamples of the {n} seeds" : "one seed: the point spread decides (no interval)");
    }
}
