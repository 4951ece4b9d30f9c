namespace Agop.Report;

/// <summary>One qualitative claim of "Beyond Output Faithfulness" (SPEC §11.1) checked against our Part 4 numbers; <paramref name="Supported"/> null = not run.</summary>
/// <param name="Value">F1, F3: the share of datasets where the claim holds; F2: the mean per-sample AD difference FEI − FEI-ext.</param>
/// <param name="PValue">The sign test's two-sided p-value (F2, F3); NaN where none applies.</param>
public sealed record FaithClaimVerdict(string Id, string Claim, string Check, string Ours, double Value, double PValue, bool? Supported)
{
    public string Verdict => Part4Claims.VerdictText(Supported);
}

/// <summary>The per-sample differences of one method against another over every (dataset, seed, index) both scored.</summary>
public sealed record PairedFaithDifferences(string Method, string Other, IReadOnlyList<double> Insertion, IReadOnlyList<double> Deletion,
    IReadOnlyList<double> ActivationDeviation)
{
    public int Pairs => ActivationDeviation.Count;
}

/// <summary>
/// Table 6b: the paper's qualitative claims F1–F3, decided from our numbers alone. The paper gives no numeric headline, so no
/// number of the paper is compared. A claim whose methods did not run (FEI absent) is "not run", never an error.
/// </summary>
public static class Part4Claims
{
    public static readonly string[] Table6bColumns = ["id", "claim", "check", "ours", "value", "p_value", "verdict"];

    /// <summary>Significance level of the sign tests.</summary>
    public const double Alpha = 0.05;

    /// <summary>F2's "similar insertion/deletion" [choice]: FEI's mean insertion at most this much below FEI-ext's, its mean deletion at most this much above.</summary>
    public const double SimilarWithin = 0.05;

    /// <summary>The gradient-based methods F3 compares FEI-ext with (whichever of them ran).</summary>
    public static readonly string[] GradientMethods =
        ["vanilla_grad", "ixg", "ig", "smoothgrad", "gradcam", "agop_local", "agop_weighted", "agop_global", "agop_ixg"];

    public static string VerdictText(bool? supported) => supported switch
    {
        true => "supported",
        false => "not supported",
        null => "not run",
    };

    public static IReadOnlyList<FaithClaimVerdict> Check(FaithTrack track, MethodNames names) => [F1(track, names), F2(track, names), F3(track, names)];

    /// <summary>Table 6b as data (exported as <c>table6b.csv</c>).</summary>
    public static ResultTable Table6bData(FaithTrack track, MethodNames names) => new(Table6bColumns,
        Check(track, names).Select(v => (IReadOnlyList<object>)[v.Id, v.Claim, v.Check, v.Ours, v.Value, v.PValue, v.Verdict]).ToList());

    public static ReportTable Table6b(FaithTrack track, MethodNames names) => new(
        "Table 6b. Claims F1–F3 of \"Beyond Output Faithfulness\" checked",
        ["Claim", "Check", "Ours", "Verdict"],
        Check(track, names).Select(v => (IReadOnlyList<string>)[$"{v.Id}: {v.Claim}", v.Check, v.Ours, v.Verdict]).ToList(),
        "The paper (P002) reports no number that can be reproduced offline (ImageNet / CUB-200-2011 with pretrained VGG-16 and ResNet-50), " +
        "and the percentages quoted by aggregator summaries are not in the paper, so only its qualitative claims are checked. FEI is our " +
        "reconstruction from the abstract (SPEC §11.4), not the authors' code. Every comparison of means reads Table 6 (mean over seeds); " +
        "F1's rivals are the methods that are not FEI variants, on the same dataset. F2 pairs the same test sample (dataset, seed, index) " +
        $"of FEI and FEI-ext; the sign test is two-sided (exact binomial up to {SignTest.ExactUpTo} pairs, normal approximation above), " +
        $"α = {Alpha:0.00}; \"similar insertion/deletion\" [choice]: FEI's mean insertion AUC at most {SimilarWithin:0.00} below FEI-ext's and " +
        $"its mean deletion AUC at most {SimilarWithin:0.00} above. F3's gradient methods: {string.Join(", ", GradientMethods.Select(names.Display))} " +
        "(those that ran). \"not run\": FEI or the methods a claim needs were not in this run.");

    static (string, double, double, bool?) NotRun(string what) => ($"not run: {what}", double.NaN, double.NaN, null);

    static FaithClaimVerdict Verdict(string id, string claim, string check, (string Ours, double Value, double P, bool? Supported) result) =>
        new(id, claim, check, result.Ours, result.Value, result.P, result.Supported);

    /// <summary>F1: FEI has the best (highest) insertion AUC and the best (lowest) deletion AUC among the methods, per dataset.</summary>
    public static FaithClaimVerdict F1(FaithTrack track, MethodNames names) => Verdict("F1",
        "FEI has the best insertion AUC and the best (lowest) deletion AUC among the methods",
        "per dataset, FEI's mean insertion above and mean deletion below every other (non-FEI) method's",
        F1Result(track, names));

    static (string, double, double, bool?) F1Result(FaithTrack track, MethodNames names)
    {
        var results = new List<(string Dataset, bool Insertion, bool Deletion, string Text)>();
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            double ins = Part4Tables.Mean(track, dataset, "fei", "insertion"), del = Part4Tables.Mean(track, dataset, "fei", "deletion");
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
            return NotRun(track.Scores.Any(s => s.Method == "fei") ? "no dataset has FEI and another method with insertion and deletion" : "FEI was not in this run");
        int both = results.Count(r => r.Insertion && r.Deletion);
        return ($"both best on {both} of {results.Count} dataset(s) (insertion {results.Count(r => r.Insertion)}, deletion " +
                $"{results.Count(r => r.Deletion)}){Split(results.Select(r => (r.Insertion && r.Deletion, r.Text)))}",
            both / (double)results.Count, double.NaN, both == results.Count);
    }

    /// <summary>F2: FEI has lower activation deviation than FEI-ext at similar insertion/deletion (paired per sample, sign test).</summary>
    public static FaithClaimVerdict F2(FaithTrack track, MethodNames names) => Verdict("F2",
        "FEI has lower activation deviation than the external-only optimiser (FEI-ext) at similar insertion/deletion",
        "paired per-sample AD difference FEI − FEI-ext over all (dataset, seed, index), sign test; mean insertion and deletion differences",
        F2Result(track, names));

    static (string, double, double, bool?) F2Result(FaithTrack track, MethodNames names)
    {
        var ran = Part4Tables.Methods(track);
        if (!ran.Contains("fei") || !ran.Contains("fei_ext"))
            return NotRun($"{string.Join(" and ", new[] { "fei", "fei_ext" }.Where(m => !ran.Contains(m)).Select(names.Display))} not in this run");
        var paired = Paired(track, "fei", "fei_ext");
        if (paired.Pairs == 0) return NotRun($"no test sample has per-sample scores of both {names.Display("fei")} and {names.Display("fei_ext")}");
        var sign = SignTest.Test(paired.ActivationDeviation);
        double ad = paired.ActivationDeviation.Average(), ins = Mean(paired.Insertion), del = Mean(paired.Deletion);
        bool lower = sign.Below > sign.Above && ad < 0 && sign.PValue < Alpha;
        bool similar = ins >= -SimilarWithin && del <= SimilarWithin;
        string text = $"AD lower in {sign.Below} of {sign.N} non-zero pairs ({sign.Above} higher, {sign.Zero} equal; {paired.Pairs} pairs), " +
                      $"mean ΔAD {ad:+0.0000;-0.0000;0.0000}, sign test {P(sign.PValue)}; mean Δinsertion {ins:+0.000;-0.000;0.000}, " +
                      $"mean Δdeletion {del:+0.000;-0.000;0.000} ({(similar ? "similar: within" : "not similar: beyond")} the {SimilarWithin:0.00} tolerance)";
        return (text, ad, sign.PValue, lower && similar);
    }

    /// <summary>F3: FEI-ext has a better insertion and deletion than the gradient methods and a higher activation deviation than they do.</summary>
    public static FaithClaimVerdict F3(FaithTrack track, MethodNames names) => Verdict("F3",
        "External metrics can be maximised \"through alternative pathways\"",
        "per dataset, FEI-ext's mean insertion above, mean deletion below and mean AD above every gradient method's; per-sample AD sign test",
        F3Result(track, names));

    static (string, double, double, bool?) F3Result(FaithTrack track, MethodNames names)
    {
        var ran = Part4Tables.Methods(track);
        if (!ran.Contains("fei_ext")) return NotRun($"{names.Display("fei_ext")} not in this run");
        var gradients = GradientMethods.Where(ran.Contains).ToList();
        if (gradients.Count == 0) return NotRun("no gradient method in this run");
        var results = new List<(string Dataset, bool Holds, string Text)>();
        int pairs = 0, external = 0, deviation = 0;
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            double ins = Part4Tables.Mean(track, dataset, "fei_ext", "insertion"), del = Part4Tables.Mean(track, dataset, "fei_ext", "deletion"),
                ad = Part4Tables.Mean(track, dataset, "fei_ext", "ad");
            if (double.IsNaN(ins) || double.IsNaN(del) || double.IsNaN(ad)) continue;
            var rivals = gradients.Select(m => (Method: m, Ins: Part4Tables.Mean(track, dataset, m, "insertion"),
                    Del: Part4Tables.Mean(track, dataset, m, "deletion"), Ad: Part4Tables.Mean(track, dataset, m, "ad")))
                .Where(r => !double.IsNaN(r.Ins) && !double.IsNaN(r.Del) && !double.IsNaN(r.Ad)).ToList();
            if (rivals.Count == 0) continue;
            var better = rivals.Where(r => ins > r.Ins && del < r.Del).ToList();
            var higher = rivals.Where(r => ad > r.Ad).ToList();
            pairs += rivals.Count;
            external += better.Count;
            deviation += higher.Count;
            bool holds = better.Count == rivals.Count && higher.Count == rivals.Count;
            var misses = rivals.Where(r => !(ins > r.Ins && del < r.Del) || !(ad > r.Ad)).Select(r => names.Display(r.Method)).ToList();
            results.Add((dataset, holds, holds ? dataset : $"{dataset} (against {string.Join(", ", misses)})"));
        }
        if (results.Count == 0) return NotRun($"no dataset has {names.Display("fei_ext")} and a gradient method with insertion, deletion and AD");
        var samples = gradients.Select(g => Paired(track, "fei_ext", g)).SelectMany(p => p.ActivationDeviation).ToList();
        var sign = SignTest.Test(samples);
        int holding = results.Count(r => r.Holds);
        string perSample = sign.N == 0 ? "no per-sample pairs"
            : $"per sample, AD(FEI-ext) above the gradient method's in {sign.Above} of {sign.N} non-zero pairs, sign test {P(sign.PValue)}";
        return ($"holds on {holding} of {results.Count} dataset(s); (dataset, gradient method) pairs: insertion and deletion better in " +
                $"{external} of {pairs}, AD higher in {deviation} of {pairs}; {perSample}{Split(results.Select(r => (r.Holds, r.Text)))}",
            holding / (double)results.Count, sign.N == 0 ? double.NaN : sign.PValue, holding == results.Count);
    }

    /// <summary>
    /// The per-sample differences <paramref name="method"/> − <paramref name="other"/> over every (dataset, seed, index) both have, in the
    /// order of the track's samples; a sample recorded twice is averaged, and a pair with a NaN in a metric is left out of that metric.
    /// </summary>
    public static PairedFaithDifferences Paired(FaithTrack track, string method, string other)
    {
        static Dictionary<(string, int, int), (double Ins, double Del, double Ad)> Index(IEnumerable<FaithSample> samples) =>
            samples.GroupBy(s => (s.Dataset, s.Seed, s.Index)).ToDictionary(g => g.Key,
                g => (g.Average(s => (double)s.Insertion), g.Average(s => (double)s.Deletion), g.Average(s => (double)s.ActivationDeviation)));
        var mine = Index(track.Samples.Where(s => s.Method == method));
        var theirs = Index(track.Samples.Where(s => s.Method == other));
        var keys = track.Samples.Where(s => s.Method == method).Select(s => (s.Dataset, s.Seed, s.Index)).Distinct().Where(theirs.ContainsKey).ToList();
        List<double> Differences(Func<(double Ins, double Del, double Ad), double> pick) =>
            keys.Select(k => pick(mine[k]) - pick(theirs[k])).Where(d => !double.IsNaN(d)).ToList();
        return new PairedFaithDifferences(method, other, Differences(v => v.Ins), Differences(v => v.Del), Differences(v => v.Ad));
    }

    static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>"p = …" as the report prints it; "p < 1e-300" where the normal approximation underflows.</summary>
    internal static string P(double p) => double.IsNaN(p) ? "p n/a" : p == 0 ? "p < 1e-300" : p < 1e-4 ? $"p = {p:0.0e0}" : $"p = {p:0.0000}";

    /// <summary>"; holds on: a, b; fails on: c (why)" from each dataset's outcome and text.</summary>
    static string Split(IEnumerable<(bool Holds, string Text)> results)
    {
        var list = results.ToList();
        string holds = string.Join(", ", list.Where(r => r.Holds).Select(r => r.Text)), fails = string.Join("; ", list.Where(r => !r.Holds).Select(r => r.Text));
        return (holds.Length > 0 ? $"; holds on: {holds}" : "") + (fails.Length > 0 ? $"; fails on: {fails}" : "");
    }
}
