namespace Agop.Report;

public sealed record ClaimVerdict(string Claim, bool? Supported, string Evidence);

/// <summary>Decides each claim from our numbers alone; null = cannot be decided (the data it needs was not run).</summary>
public static class ClaimChecker
{
    public static IReadOnlyList<ClaimVerdict> Check(PaperReference reference, ReportData data) =>
        reference.Claims.Select(claim => claim.Kind switch
        {
            "leads" => Leads(claim, data),
            "speedup" => Speedup(claim, data),
            "roar_cluster" => RoarCluster(claim, data),
            "roar_rank" => RoarRank(claim, data),
            _ => new ClaimVerdict(claim.Text, null, $"unknown claim kind '{claim.Kind}'"),
        }).ToList();

    static bool LowerIsBetter(string metric) => metric is "noise_mass" or "time_s";

    static double Mean(ReportData data, string dataset, string method, string metric)
    {
        var scores = data.Scores.Where(s => s.Dataset == dataset && s.Method == method).ToList();
        if (scores.Count == 0) return double.NaN;
        return scores.Average(s => s.Metric(metric));
    }

    static ClaimVerdict Leads(PaperClaim claim, ReportData data)
    {
        var evidence = new List<string>();
        bool all = true;
        foreach (var dataset in claim.Datasets)
        {
            var means = data.Methods.Select(m => (Method: m, Value: Mean(data, dataset, m, claim.Metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            if (means.Count < 2 || means.All(m => m.Method != claim.Method))
                return new ClaimVerdict(claim.Text, null, $"{dataset}: not enough methods were run");
            var best = LowerIsBetter(claim.Metric) ? means.MinBy(m => m.Value) : means.MaxBy(m => m.Value);
            bool leads = best.Method == claim.Method;
            all &= leads;
            evidence.Add(leads
                ? $"{dataset}: {data.Names.Display(claim.Method)} {best.Value:0.000} leads"
                : $"{dataset}: {data.Names.Display(best.Method)} {best.Value:0.000} beats {data.Names.Display(claim.Method)} {means.First(m => m.Method == claim.Method).Value:0.000}");
        }
        return new ClaimVerdict(claim.Text, all, string.Join("; ", evidence));
    }

    static ClaimVerdict Speedup(PaperClaim claim, ReportData data)
    {
        var ratios = data.Datasets
            .Select(d => (Dataset: d, Ratio: Mean(data, d, claim.Over, "time_s") / Mean(data, d, claim.Method, "time_s")))
            .Where(r => double.IsFinite(r.Ratio)).ToList();
        if (ratios.Count == 0) return new ClaimVerdict(claim.Text, null, "timings missing");
        bool supported = ratios.All(r => r.Ratio >= claim.AtLeast);
        return new ClaimVerdict(claim.Text, supported,
            $"ours: {string.Join(", ", ratios.Select(r => $"{r.Dataset} {r.Ratio:0}x"))} (CPU, this machine; claim needs at least {claim.AtLeast:0}x)");
    }

    static IReadOnlyDictionary<(string Dataset, string Method), double> MeanAucs(ReportData data) =>
        Part2Tables.Aucs(data.Roar).GroupBy(a => (a.Dataset, a.Method)).ToDictionary(g => g.Key, g => g.Average(a => a.Auc));

    static ClaimVerdict RoarCluster(PaperClaim claim, ReportData data)
    {
        var aucs = MeanAucs(data);
        if (aucs.Count == 0) return new ClaimVerdict(claim.Text, null, "ROAR was not run");
        var spreads = aucs.GroupBy(a => a.Key.Dataset).Select(g =>
        {
            double max = g.Max(a => a.Value), min = g.Min(a => a.Value), mean = g.Average(a => a.Value);
            return (Dataset: g.Key, Spread: (max - min) / mean);
        }).ToList();
        return new ClaimVerdict(claim.Text, spreads.All(s => s.Spread <= claim.Within),
            $"relative AUC spread (max − min) / mean: {string.Join(", ", spreads.Select(s => $"{s.Dataset} {s.Spread:P2}"))}");
    }

    static ClaimVerdict RoarRank(PaperClaim claim, ReportData data)
    {
        var ordered = MeanAucs(data).Where(a => a.Key.Dataset == claim.Dataset).OrderBy(a => a.Value).Select(a => a.Key.Method).ToList();
        if (!ordered.Contains(claim.Method)) return new ClaimVerdict(claim.Text, null, $"ROAR on {claim.Dataset} was not run for {claim.Method}");
        int rank = ordered.IndexOf(claim.Method) + 1;
        int wanted = claim.Rank == "last" ? ordered.Count : int.Parse(claim.Rank);
        return new ClaimVerdict(claim.Text, rank == wanted,
            $"ours: rank {rank} of {ordered.Count} by AUC (1 = lowest AUC = most faithful): {string.Join(" < ", ordered.Select(data.Names.Display))}");
    }
}
