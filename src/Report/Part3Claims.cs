namespace Agop.Report;

/// <summary>One claim of "AGOP as Explanation" checked against our Part 3 numbers; <paramref name="Reproduced"/> null = not run.</summary>
/// <param name="PValue">The paired sign test's two-sided p-value ("below" and "beats" claims); NaN where none applies.</param>
public sealed record ImageClaimVerdict(string Id, string Claim, string Background, string Paper, string Ours, double Value, bool? Reproduced,
    double PValue = double.NaN)
{
    public string Verdict => Part3Claims.VerdictText(Reproduced);
}

/// <summary>
/// Table 4b: the claims of the paper's reference file (<c>configs/reference/agop-as-explanation-paper.yaml</c>) decided from
/// our numbers alone. Every check reads mean mIoU over seeds on one background (white unless the claim names one); a claim
/// whose data did not run is "not run", never an error. Trend claims (H7) are shown by Figure 4 and skipped here.
/// </summary>
public static class Part3Claims
{
    public const string DefaultBackground = "white";
    public static readonly string[] Table4bColumns = ["id", "claim", "background", "mask", "paper", "ours", "value", "p_value", "verdict"];

    public static string VerdictText(bool? reproduced) => reproduced switch
    {
        true => "reproduced",
        false => "not reproduced",
        null => "not run",
    };

    /// <summary>The claims of <see cref="ImageTrack.Reference"/> (none without one), in the file's order, trend claims left out.</summary>
    public static IReadOnlyList<ImageClaimVerdict> Check(ImageTrack track, MethodNames names) =>
        track.Reference is { } reference ? Check(reference, track, names) : [];

    public static IReadOnlyList<ImageClaimVerdict> Check(PaperReference reference, ImageTrack track, MethodNames names) =>
        reference.Claims.Where(c => c.Kind != "trend").Select(claim =>
        {
            string background = claim.Background.Length > 0 ? claim.Background : DefaultBackground;
            string metric = claim.Metric.Length > 0 ? claim.Metric : "miou";
            double p = double.NaN;
            var (ours, value, reproduced) = claim.Kind switch
            {
                "gain" => Ratio(claim, track, names, background, metric, gain: true),
                "ratio" => Ratio(claim, track, names, background, metric, gain: false),
                "below" => Below(claim, track, names, background, metric, out p),
                "near" => Near(claim, track, names, background, metric),
                "beats" => Beats(claim, track, names, background, metric, out p),
                "cost" => Cost(claim, track, names, background),
                "offline" => (claim.Note.Length > 0 ? claim.Note : "not reproducible offline", double.NaN, (bool?)null),
                _ => ($"unknown claim kind '{claim.Kind}'", double.NaN, (bool?)null),
            };
            return new ImageClaimVerdict(claim.Id, claim.Text, claim.Kind == "offline" ? "" : background, claim.Paper, ours, value, reproduced, p);
        }).ToList();

    /// <summary>Table 4b as data (exported as <c>table4b.csv</c>).</summary>
    public static ResultTable Table4bData(ImageTrack track, MethodNames names) => new(Table4bColumns,
        Check(track, names).Select(v => (IReadOnlyList<object>)[v.Id, v.Claim, v.Background, MaskOf(track, v.Id), v.Paper, v.Ours, v.Value, v.PValue, v.Verdict]).ToList());

    /// <summary>Which ground-truth mask a claim's IoU reads: "own" for miou_own, else the scenario's (combined) mask.</summary>
    static string MaskOf(ImageTrack track, string id) =>
        track.Reference?.Claims.FirstOrDefault(c => c.Id == id) is { } claim && claim.Kind != "offline" && claim.Metric is "miou" or "miou_own" or ""
            ? claim.Metric == "miou_own" ? "own" : "scenario" : "";

    public static ReportTable Table4b(ImageTrack track, MethodNames names)
    {
        var table = Table4bData(track, names);
        string reference = track.Reference is { } r && r.Paper.Length > 0 ? r.Paper : "no reference file";
        return new ReportTable("Table 4b. The paper's image claims against our numbers (white background)",
            ["Claim", "Paper", "Ours", "Verdict"],
            table.Rows.Select(row => (IReadOnlyList<string>)[$"{table.Text(row, "id")}: {table.Text(row, "claim")}", table.Text(row, "paper"),
                table.Text(row, "ours"), table.Text(row, "verdict")]).ToList(),
            $"Reference: {reference}. The abstract does not say which background H1–H3 refer to; every check reads the white background " +
            "(XAI-TRIS's primary setting, SPEC §10.1), mean mIoU over seeds. Ratio claims count as reproduced when ours points the paper's way " +
            "(AGOP ahead of IG); the paper's magnitude stands beside ours. \"not run\": the scenario or method the claim needs was not in this run. " +
            "H7 (diag(M) improves during training) is shown by Figure 4.");
    }

    /// <summary>
    /// The mask question of H2/H3 in words, from the data: the paper does not say which mask it scored, and where each method's
    /// top pixels land decides how much the choice matters. Null when no combined-mask scenario ran on the white background.
    /// </summary>
    public static string? MaskLine(ImageTrack track, MethodNames names)
    {
        var scenario = track.Landings.Any(l => l.Scenario == "multiplicative") ? "multiplicative" : track.Landings.FirstOrDefault()?.Scenario;
        if (scenario is null) return null;
        var shown = track.Landings.Where(l => l.Scenario == scenario && l.Method is "ig" or "agop_global" or "agop_weighted" or "random").ToList();
        if (shown.Count == 0) shown = track.Landings.Where(l => l.Scenario == scenario).ToList();
        return "The paper does not say which ground-truth mask H2 and H3 are scored against, so both are shown: the combined mask of the " +
               "scenario (H2, H3) and each sample's own tetromino (H2-own, H3-own). Where each method's top pixels land decides how much " +
               $"that choice matters; on {scenario}/{DefaultBackground} (correct test images, seeds pooled): " +
               string.Join("; ", shown.Select(l => $"{Name(names, l.Method)} {l.Own:P0} on the sample's own tetromino, {l.OtherClass:P0} on the " +
                                                   $"other class's location, {l.Elsewhere:P0} elsewhere")) + ".";
    }

    static string Name(MethodNames names, string method) => names.Display(method);

    static (string, double, bool?) NotRun(string what) => ($"not run: {what}", double.NaN, null);

    static (string, double, bool?) Ratio(PaperClaim claim, ImageTrack track, MethodNames names, string background, string metric, bool gain)
    {
        double a = Part3Tables.Mean(track, claim.Dataset, background, claim.Method, metric);
        double b = Part3Tables.Mean(track, claim.Dataset, background, claim.Over, metric);
        if (double.IsNaN(a) || double.IsNaN(b)) return NotRun(Missing(track, claim.Dataset, background, [claim.Method, claim.Over], names));
        double ratio = b == 0 ? (a > 0 ? double.PositiveInfinity : double.NaN) : a / b;
        double value = gain ? ratio - 1 : ratio;
        string shown = double.IsNaN(value) ? "undefined (both 0)" : double.IsPositiveInfinity(value) ? "∞" : gain ? $"{value * 100:+0;-0;0} %" : $"{value:0.00}×";
        return ($"{shown} on {claim.Dataset}/{background} ({Name(names, claim.Method)} {a:0.000} / {Name(names, claim.Over)} {b:0.000})",
            value, double.IsNaN(value) ? null : value > claim.AtLeast);
    }

    /// <summary>Per-image differences <paramref name="method"/> − <paramref name="other"/> on one scenario, matched by (seed, index); seeds pooled.</summary>
    public static IReadOnlyList<double> PairedDifferences(ImageTrack track, string scenario, string background, string method, string other, string metric)
    {
        var theirs = track.Samples.Where(s => s.Scenario == scenario && s.Background == background && s.Method == other)
            .ToDictionary(s => (s.Seed, s.Index), s => s.Metric(metric));
        return track.Samples.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method)
            .Where(s => theirs.ContainsKey((s.Seed, s.Index)))
            .Select(s => s.Metric(metric) - theirs[(s.Seed, s.Index)]).Where(d => !double.IsNaN(d)).ToList();
    }

    /// <summary>Reproduced when the paired sign test puts <c>method</c> significantly below <c>over</c>; the means are printed beside it.</summary>
    static (string, double, bool?) Below(PaperClaim claim, ImageTrack track, MethodNames names, string background, string metric, out double p)
    {
        p = double.NaN;
        double a = Part3Tables.Mean(track, claim.Dataset, background, claim.Method, metric);
        double b = Part3Tables.Mean(track, claim.Dataset, background, claim.Over, metric);
        if (double.IsNaN(a) || double.IsNaN(b)) return NotRun(Missing(track, claim.Dataset, background, [claim.Method, claim.Over], names));
        var test = Claims.PairedComparison.Of(PairedDifferences(track, claim.Dataset, background, claim.Method, claim.Over, metric));
        p = test.Test.PValue;
        bool? below = test.Test.N + test.Test.Zero == 0 ? null : test.Direction == Claims.PairedDirection.Below;
        return ($"{test.DirectionText} on {claim.Dataset}/{background}: {Name(names, claim.Method)} {a:0.000} vs {Name(names, claim.Over)} {b:0.000} " +
                $"(means); {Name(names, claim.Method)} {test.Evidence}", a - b, below);
    }

    static (string, double, bool?) Near(PaperClaim claim, ImageTrack track, MethodNames names, string background, string metric)
    {
        var checks = track.Scenarios
            .Select(s => (Scenario: s, A: Part3Tables.Mean(track, s, background, claim.Method, metric), B: Part3Tables.Mean(track, s, background, claim.Over, metric)))
            .Where(c => !double.IsNaN(c.A) && !double.IsNaN(c.B)).ToList();
        if (checks.Count == 0) return NotRun($"no {background} scenario has both {Name(names, claim.Method)} and {Name(names, claim.Over)}");
        int ok = checks.Count(c => c.A <= c.B + claim.Within);
        return ($"{ok} of {checks.Count} scenario(s) within {Name(names, claim.Over)} + {claim.Within:0.00}: " +
                string.Join("; ", checks.Select(c => $"{c.Scenario} {c.A:0.000} vs {c.B:0.000}{(c.A <= c.B + claim.Within ? "" : " (above)")}")),
            checks.Max(c => c.A - c.B), ok == checks.Count);
    }

    /// <summary>
    /// Per scenario, the best of <c>methods</c> against the best of <c>others</c> (by mean), decided by the paired sign test;
    /// reproduced when the AGOP side is significantly above on every scenario. <paramref name="p"/>: the largest p-value.
    /// </summary>
    static (string, double, bool?) Beats(PaperClaim claim, ImageTrack track, MethodNames names, string background, string metric, out double p)
    {
        p = double.NaN;
        var results = new List<(string Scenario, bool Wins, double P, string Text)>();
        foreach (var scenario in track.Scenarios)
        {
            var ours = claim.Methods.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            var others = claim.Others.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            if (ours.Count == 0 || others.Count == 0) continue;
            var best = ours.MaxBy(x => x.Value);
            var rival = others.MaxBy(x => x.Value);
            var test = Claims.PairedComparison.Of(PairedDifferences(track, scenario, background, best.Method, rival.Method, metric));
            bool wins = test.Direction == Claims.PairedDirection.Above;
            results.Add((scenario, wins, test.Test.PValue,
                $"{scenario} {Name(names, best.Method)} {best.Value:0.000} vs {Name(names, rival.Method)} {rival.Value:0.000}: {test.DirectionText} ({Part4Claims.P(test.Test.PValue)})"));
        }
        if (results.Count == 0) return NotRun($"no {background} scenario has an AGOP variant and a rival");
        int won = results.Count(r => r.Wins);
        p = results.Max(r => r.P);
        return ($"best AGOP variant significantly ahead on {won} of {results.Count} scenario(s) (paired sign test, seeds pooled): {string.Join("; ", results.Select(r => r.Text))}",
            won / (double)results.Count, won == results.Count);
    }

    static (string, double, bool?) Cost(PaperClaim claim, ImageTrack track, MethodNames names, string background)
    {
        double Time(string method)
        {
            var values = track.Scenarios.Select(s => Part3Tables.Mean(track, s, background, method, "time_s")).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
        double read = Time(claim.Method), pass = Time(claim.Over);
        if (double.IsNaN(read) || double.IsNaN(pass)) return NotRun($"no {background} times for {Name(names, claim.Method)} and {Name(names, claim.Over)}");
        bool cheaper = read < pass;
        string text = $"{Name(names, claim.Method)} {Part3Tables.Seconds(read)} s {(cheaper ? "<" : "≥")} {Name(names, claim.Over)} {Part3Tables.Seconds(pass)} s";
        if (claim.Others.Count < 2) return (text + " per 1,000 images", read / pass, cheaper);
        double one = Time(claim.Others[0]), gradient = Time(claim.Others[1]);
        if (double.IsNaN(one) || double.IsNaN(gradient)) return NotRun($"no {background} times for {Name(names, claim.Others[0])} and {Name(names, claim.Others[1])}");
        double factor = one / gradient;
        bool onePass = factor <= claim.Within;
        return ($"{text}; {Name(names, claim.Others[0])} {Part3Tables.Seconds(one)} s = {factor:0.00}× {Name(names, claim.Others[1])} {Part3Tables.Seconds(gradient)} s " +
                $"(one gradient pass if ≤ {claim.Within:0.#}×); per 1,000 images, mean over scenarios", factor, cheaper && onePass);
    }

    static string Missing(ImageTrack track, string scenario, string background, IReadOnlyList<string> methods, MethodNames names)
    {
        if (!track.Scenarios.Contains(scenario) || !track.Backgrounds.Contains(background)) return $"{scenario}/{background} was not in this run";
        var absent = methods.Where(m => double.IsNaN(Part3Tables.Mean(track, scenario, background, m))).Select(names.Display).ToList();
        return $"{string.Join(" and ", absent)} on {scenario}/{background} {(absent.Count == 1 ? "was" : "were")} not in this run";
    }
}
