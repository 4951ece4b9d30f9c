namespace Agop.Report;

/// <summary>The per-sample differences of one method against another over every (dataset, seed, index) both scored.</summary>
public sealed record PairedFaithDifferences(string Method, string Other, IReadOnlyList<double> Insertion, IReadOnlyList<double> Deletion,
    IReadOnlyList<double> ActivationDeviation, IReadOnlyList<double> SpuriousRate)
{
    public int Pairs => ActivationDeviation.Count;
}

/// <summary>
/// Table 6b: the paper's qualitative claims F1–F3, decided from our numbers alone. The paper gives no numeric headline, so no
/// number of the paper is compared. A claim whose methods did not run (FEI absent) is "not run", never an error.
/// </summary>
public static class Part4Claims
{
    public static readonly string[] Table6bColumns = ["id", "claim", "check", "ours", "value", "uncertainty", "p_value", "verdict"];

    /// <summary>Significance level of the sign tests.</summary>
    public const double Alpha = SignTest.Alpha;

    /// <summary>The claims of <see cref="FaithTrack.Reference"/> (none without one), decided by the <see cref="Claims.ClaimEngine"/>.</summary>
    public static IReadOnlyList<Claims.ClaimResult> Check(FaithTrack track, MethodNames names) =>
        track.Reference is { } reference
            ? Claims.ClaimEngine.Decide(Claims.AllClaims.BeyondOutputFaithfulness, reference, new Claims.ClaimContext(names, Faith: track))
            : [];

    static Claims.ClaimResult One(FaithTrack track, MethodNames names, string id) => Check(track, names).FirstOrDefault(v => v.Id == id)
        ?? throw new InvalidOperationException($"the Part 4 reference file has no claim {id}");

    /// <summary>Table 6b as data (exported as <c>table6b.csv</c>).</summary>
    public static ResultTable Table6bData(FaithTrack track, MethodNames names) => new(Table6bColumns,
        Check(track, names).Select(v => (IReadOnlyList<object>)[v.Id, v.Claim, v.Source.Check, v.Ours, v.Value, v.Uncertainty, v.PValue, v.VerdictText]).ToList());

    public static ReportTable Table6b(FaithTrack track, MethodNames names)
    {
        var claims = track.Reference?.Claims ?? [];
        double within = claims.FirstOrDefault(c => c.Id == "F2")?.Within ?? double.NaN;
        double matched = claims.FirstOrDefault(c => c.Id == "F3")?.Within ?? double.NaN;
        return new(
        "Table 6b. Claims F1–F3 of \"Beyond Output Faithfulness\" checked",
        ["Claim", "Check", "Ours", "Verdict"],
        Check(track, names).Select(v => (IReadOnlyList<string>)[$"{v.Id}: {v.Claim}", v.Source.Check, $"{v.Ours} ({v.Uncertainty})", v.VerdictText]).ToList(),
        "The paper (P002) reports no number that can be reproduced offline (ImageNet / CUB-200-2011 with pretrained VGG-16 and ResNet-50), " +
        "and the percentages quoted by aggregator summaries are not in the paper, so only its qualitative claims are checked. FEI is our " +
        "reconstruction from the abstract (SPEC §11.4), not the authors' code. F1 pairs each rival (every method that is not an FEI variant, " +
        "same dataset) with FEI on FEI's own samples (same dataset, seed and index) and reads the per-sample insertion and deletion differences " +
        "with 95 % intervals. F2 pairs the same test sample (dataset, seed, index) " +
        $"of FEI and FEI-ext; the sign test is two-sided (exact binomial up to {SignTest.ExactUpTo} pairs, normal approximation above), " +
        $"α = {Alpha:0.00}; \"similar insertion/deletion\" [choice]: FEI's mean insertion AUC at most {within:0.00} below FEI-ext's and " +
        $"its mean deletion AUC at most {within:0.00} above. F3 (an existence claim, SPEC §11.1) pairs FEI-ext with FEI per sample and reads the " +
        $"spurious-activation rate (§11.3) where their mean insertion and deletion differ by at most {matched:0.00}; one dataset suffices. " +
        "Verdicts: holds, tie (within noise), not detected (a one-sided effect not told from its null), contradicted, not run. \"not run\": FEI or the methods a claim needs were not in this run. The claims and their parameters are data: " +
        "configs/reference/beyond-output-faithfulness-paper.yaml.");
    }

    /// <summary>F1: FEI has the best (highest) insertion AUC and the best (lowest) deletion AUC among the methods, per dataset.</summary>
    public static Claims.ClaimResult F1(FaithTrack track, MethodNames names) => One(track, names, "F1");

    /// <summary>F2: FEI has lower activation deviation than FEI-ext at similar insertion/deletion (paired per sample, sign test).</summary>
    public static Claims.ClaimResult F2(FaithTrack track, MethodNames names) => One(track, names, "F2");

    /// <summary>F3: FEI-ext has a better insertion and deletion than the gradient methods and a higher activation deviation than they do.</summary>
    public static Claims.ClaimResult F3(FaithTrack track, MethodNames names) => One(track, names, "F3");

    /// <summary>
    /// The per-sample differences <paramref name="method"/> − <paramref name="other"/> over every (dataset, seed, index) both have, in the
    /// order of the track's samples; a sample recorded twice is averaged, and a pair with a NaN in a metric is left out of that metric.
    /// </summary>
    public static PairedFaithDifferences Paired(FaithTrack track, string method, string other)
    {
        static Dictionary<(string, int, int), (double Ins, double Del, double Ad, double Spurious)> Index(IEnumerable<FaithSample> samples) =>
            samples.GroupBy(s => (s.Dataset, s.Seed, s.Index)).ToDictionary(g => g.Key,
                g => (g.Average(s => (double)s.Insertion), g.Average(s => (double)s.Deletion), g.Average(s => (double)s.ActivationDeviation),
                    g.Average(s => (double)s.SpuriousRate)));
        var mine = Index(track.Samples.Where(s => s.Method == method));
        var theirs = Index(track.Samples.Where(s => s.Method == other));
        var keys = track.Samples.Where(s => s.Method == method).Select(s => (s.Dataset, s.Seed, s.Index)).Distinct().Where(theirs.ContainsKey).ToList();
        List<double> Differences(Func<(double Ins, double Del, double Ad, double Spurious), double> pick) =>
            keys.Select(k => pick(mine[k]) - pick(theirs[k])).Where(d => !double.IsNaN(d)).ToList();
        return new PairedFaithDifferences(method, other, Differences(v => v.Ins), Differences(v => v.Del), Differences(v => v.Ad), Differences(v => v.Spurious));
    }

    /// <summary>"p = …" as the report prints it; "p < 1e-300" where the normal approximation underflows.</summary>
    internal static string P(double p) => double.IsNaN(p) ? "p n/a" : p == 0 ? "p < 1e-300" : p < 1e-4 ? $"p = {p:0.0e0}" : $"p = {p:0.0000}";

    /// <summary>"; holds on: a, b; fails on: c (why)" from each dataset's outcome and text.</summary>
    internal static string Split(IEnumerable<(bool Holds, string Text)> results)
    {
        var list = results.ToList();
        string holds = string.Join(", ", list.Where(r => r.Holds).Select(r => r.Text)), fails = string.Join("; ", list.Where(r => !r.Holds).Select(r => r.Text));
        return (holds.Length > 0 ? $"; holds on: {holds}" : "") + (fails.Length > 0 ? $"; fails on: {fails}" : "");
    }
}
