using Agop.Report;
using Agop.Report.Claims;

namespace Agop.Tests.Report;

/// <summary>
/// Each tabular claim kind on constructed cases with four seeds: a clear lead, a tie (the paper's direction within noise), a
/// near-tie the paper itself calls one, and a significant difference the other way (SPEC §14).
/// </summary>
public class ClaimVerdictTests
{
    static readonly int[] Seeds = [0, 1, 2, 42];

    static readonly MethodInfo[] Catalog =
    [
        new("agop_ixg", "AGOP-IxG", ""), new("ixg", "IxG", ""), new("shap", "SHAP", ""), new("lime", "LIME", ""), new("random", "Random", ""),
    ];

    /// <summary>Part 1 scores: one (dataset, method) per entry with four seeds' values of one metric (the others fixed).</summary>
    static IEnumerable<MethodScore> Part1(string dataset, string method, string metric, params double[] values) =>
        values.Select((v, i) => new MethodScore(dataset, Seeds[i], method, 100,
            metric == "spearman" ? v : 0.5, metric == "topk" ? v : 0.5, metric == "noise_mass" ? v : 0.5, metric == "time_s" ? v : 1));

    /// <summary>ROAR with one fraction (0.5): AUC = 0.25·(baseline + accuracy), so each seed's AUC is set by its accuracy.</summary>
    static RoarSummary Roar(string dataset, Dictionary<string, double[]> accuracies, double baseline = 0.8, double fraction = 0.5) =>
        new([dataset], accuracies.Keys.ToList(), Seeds,
            accuracies.SelectMany(a => a.Value.Select((acc, i) => new RoarPoint(dataset, Seeds[i], a.Key, fraction, acc))).ToList(),
            Seeds.ToDictionary(s => (dataset, s), _ => baseline), "");

    static ReportData Data(IEnumerable<MethodScore> scores, RoarSummary? roar = null, IEnumerable<ModelQuality>? models = null)
    {
        var list = scores.ToList();
        return new ReportData("t", "c", "c.yaml", "h", "", DateTimeOffset.UnixEpoch, "commit", new Dictionary<string, string>(),
            list.Select(s => s.Dataset).Distinct().ToList(), list.Select(s => s.Method).Distinct().ToList(), Catalog, "agop_ixg", Seeds, list,
            models?.ToList() ?? [], [], [], roar ?? new RoarSummary([], [], [], [], new Dictionary<(string, int), double>(), ""), null, [], [], []);
    }

    static ClaimResult Decide(string yaml, ReportData data) =>
        ClaimEngine.Decide("test", PaperReference.Parse("claims:\n  - " + yaml), ClaimContext.Of(data)).Single();

    const string LeadsSpearman = "{ id: L, kind: leads, metric: spearman, method: agop_ixg, datasets: [linear] }";

    [Fact]
    public void Leads_holds_beyond_the_interval_is_a_tie_within_it_and_contradicted_beyond_it_the_other_way()
    {
        var clear = Decide(LeadsSpearman, Data([.. Part1("linear", "agop_ixg", "spearman", 0.80, 0.82, 0.81, 0.83), .. Part1("linear", "lime", "spearman", 0.70, 0.73, 0.71, 0.72)]));
        Assert.Equal(Verdict.Holds, clear.Verdict);
        Assert.Contains("95 % t-interval over 4 seeds", clear.Uncertainty);
        // the default run's C1 on linear: LIME ahead by a fraction of a standard error is a tie, not a loss
        var tie = Decide(LeadsSpearman, Data([.. Part1("linear", "agop_ixg", "spearman", 0.71, 0.69, 0.72, 0.70), .. Part1("linear", "lime", "spearman", 0.70, 0.71, 0.70, 0.72)]));
        Assert.Equal(Verdict.Tie, tie.Verdict);
        Assert.Contains("closest call LIME 0.708", tie.Ours);
        var behind = Decide(LeadsSpearman, Data([.. Part1("linear", "agop_ixg", "spearman", 0.60, 0.62, 0.61, 0.63), .. Part1("linear", "lime", "spearman", 0.70, 0.73, 0.71, 0.72)]));
        Assert.Equal(Verdict.Contradicted, behind.Verdict);
        // the evidence names the rival that decides: SHAP's margin is small but sure, LIME's larger but crosses zero
        var wide = Decide(LeadsSpearman, Data([.. Part1("linear", "agop_ixg", "spearman", 0.80, 0.82, 0.81, 0.83),
            .. Part1("linear", "shap", "spearman", 0.78, 0.80, 0.79, 0.81), .. Part1("linear", "lime", "spearman", 0.60, 0.95, 0.55, 0.90)]));
        Assert.Equal(Verdict.Tie, wide.Verdict);
        Assert.Contains("closest call LIME", wide.Ours);
        // lower is better for noise mass
        var noise = Decide("{ id: N, kind: leads, metric: noise_mass, method: agop_ixg, datasets: [linear] }",
            Data([.. Part1("linear", "agop_ixg", "noise_mass", 0.20, 0.22, 0.21, 0.23), .. Part1("linear", "shap", "noise_mass", 0.40, 0.41, 0.43, 0.42)]));
        Assert.Equal(Verdict.Holds, noise.Verdict);
    }

    [Fact]
    public void A_near_tie_the_paper_calls_one_holds_as_a_tie_and_order_worst_reads_the_last_place()
    {
        var data = Data([.. Part1("sparse", "shap", "topk", 0.515, 0.52, 0.51, 0.516), .. Part1("sparse", "agop_ixg", "topk", 0.514, 0.518, 0.513, 0.512)]);
        var plain = Decide("{ id: S, kind: leads, metric: topk, method: shap, datasets: [sparse] }", data);
        Assert.Equal(Verdict.Tie, plain.Verdict);
        var nearTie = Decide("{ id: S, kind: leads, metric: topk, method: shap, datasets: [sparse], tie_holds: true }", data);
        Assert.Equal(Verdict.Holds, nearTie.Verdict);
        Assert.Contains("what the paper claims", nearTie.Ours);
        // a significant loss is still a loss under tie_holds
        var lost = Data([.. Part1("sparse", "shap", "topk", 0.40, 0.41, 0.42, 0.40), .. Part1("sparse", "agop_ixg", "topk", 0.514, 0.518, 0.513, 0.512)]);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: S, kind: leads, metric: topk, method: shap, datasets: [sparse], tie_holds: true }", lost).Verdict);

        var collapse = Data([.. Part1("sparse", "lime", "spearman", 0.10, 0.12, 0.11, 0.09), .. Part1("sparse", "agop_ixg", "spearman", 0.50, 0.52, 0.51, 0.50)]);
        Assert.Equal(Verdict.Holds, Decide("{ id: W, kind: leads, metric: spearman, method: lime, order: worst, datasets: [sparse] }", collapse).Verdict);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: W, kind: leads, metric: spearman, method: agop_ixg, order: worst, datasets: [sparse] }", collapse).Verdict);
    }

    [Fact]
    public void Speedup_reads_about_with_its_tolerance_and_says_what_is_timed()
    {
        const string claim = "{ id: C4, kind: speedup, method: agop_ixg, over: shap, at_least: 350, tolerance: 0.05, tolerance_reason: because }";
        // 347x on every seed: below 350 but within "approximately" (≥ 332.5x)
        var close = Decide(claim, Data([.. Part1("linear", "agop_ixg", "time_s", 0.1, 0.1, 0.1, 0.1), .. Part1("linear", "shap", "time_s", 34.7, 34.7, 34.7, 34.7)]));
        Assert.Equal(Verdict.Holds, close.Verdict);
        Assert.Contains("threshold 350× × (1 − 5%) = 332.5×", close.Ours);
        Assert.Contains("the paper timed the Python shap library's DeepExplainer on one GPU", close.Ours);
        var slow = Decide(claim, Data([.. Part1("linear", "agop_ixg", "time_s", 0.1, 0.1, 0.1, 0.1), .. Part1("linear", "shap", "time_s", 20, 21, 19, 20)]));
        Assert.Equal(Verdict.Contradicted, slow.Verdict);
        Assert.Contains("linear 200× [", slow.Ours);
        var straddling = Decide(claim, Data([.. Part1("linear", "agop_ixg", "time_s", 0.1, 0.1, 0.1, 0.1), .. Part1("linear", "shap", "time_s", 25, 45, 30, 42)]));
        Assert.Equal(Verdict.Tie, straddling.Verdict);
    }

    [Fact]
    public void Roar_cluster_rank_and_random_baseline_read_seed_resamples()
    {
        // AUC = 0.25·(0.8 + accuracy): accuracies 0.70 and 0.72 give AUCs 0.375 and 0.38, a spread of 1.3 %
        var close = Data([], Roar("adult", new()
        {
            ["agop_ixg"] = [0.700, 0.701, 0.699, 0.700], ["ixg"] = [0.720, 0.721, 0.719, 0.720], ["lime"] = [0.710, 0.709, 0.711, 0.710],
            ["random"] = [0.790, 0.791, 0.789, 0.790],
        }));
        const string cluster = "{ id: C5, kind: roar_cluster, within: 0.017, tolerance: 0.25 }";
        var tight = Decide(cluster, close);
        Assert.Equal(Verdict.Holds, tight.Verdict); // random is not one of the clustered methods
        Assert.Contains("adult 1.3", tight.Ours);
        Assert.Contains("resamples of the 4 seeds", tight.Uncertainty);
        var spread = Data([], Roar("adult", new() { ["agop_ixg"] = [0.60, 0.61, 0.60, 0.61], ["ixg"] = [0.75, 0.76, 0.75, 0.74] }));
        Assert.Equal(Verdict.Contradicted, Decide(cluster, spread).Verdict);

        // ranks: AGOP-IxG clearly lowest AUC = rank 1 of 3
        Assert.Equal(Verdict.Holds, Decide("{ id: R, kind: roar_rank, method: agop_ixg, dataset: adult, rank: \"1\" }", close).Verdict);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: R, kind: roar_rank, method: agop_ixg, dataset: adult, rank: last }", close).Verdict);
        // overlapping seeds: the rank is not settled
        var overlap = Data([], Roar("adult", new()
        {
            ["agop_ixg"] = [0.70, 0.72, 0.71, 0.73], ["ixg"] = [0.72, 0.70, 0.73, 0.71], ["lime"] = [0.60, 0.61, 0.60, 0.61],
        }));
        var unsettled = Decide("{ id: R, kind: roar_rank, method: agop_ixg, dataset: adult, rank: last }", overlap);
        Assert.Equal(Verdict.Tie, unsettled.Verdict);
        Assert.Contains("P(rank 3) = ", unsettled.Uncertainty);

        // against a random ranking: lower AUC holds; equal within noise is not detected; higher contradicts
        const string versus = "{ id: V, kind: roar_versus, method: agop_ixg, over: random }";
        Assert.Equal(Verdict.Holds, Decide(versus, close).Verdict);
        var noisy = Data([], Roar("adult", new() { ["agop_ixg"] = [0.70, 0.80, 0.72, 0.78], ["random"] = [0.78, 0.71, 0.79, 0.73] }));
        Assert.Equal(Verdict.NotDetected, Decide(versus, noisy).Verdict);
        var worse = Data([], Roar("adult", new() { ["agop_ixg"] = [0.80, 0.81, 0.80, 0.81], ["random"] = [0.70, 0.71, 0.70, 0.69] }));
        Assert.Equal(Verdict.Contradicted, Decide(versus, worse).Verdict);
        Assert.Equal(Verdict.NotRun, Decide(versus, spread).Verdict); // no random ranking in that run
    }

    [Fact]
    public void Roar_against_the_baseline_reads_the_seed_paired_gain_at_each_fraction()
    {
        var data = Data([], Roar("adult", new()
        {
            ["agop_ixg"] = [0.806, 0.805, 0.807, 0.806], ["lime"] = [0.795, 0.797, 0.796, 0.798], ["ixg"] = [0.80, 0.81, 0.79, 0.80],
        }, baseline: 0.8, fraction: 0.1));
        Assert.Equal(Verdict.Holds, Decide("{ id: A, kind: roar_baseline, dataset: adult, methods: [agop_ixg], fractions: [0.05, 0.1] }", data).Verdict);
        Assert.Equal(Verdict.NotDetected, Decide("{ id: A, kind: roar_baseline, dataset: adult, methods: [ixg], fractions: [0.1] }", data).Verdict);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: A, kind: roar_baseline, dataset: adult, methods: [lime], fractions: [0.1] }", data).Verdict);
        Assert.Equal(Verdict.Holds, Decide("{ id: B, kind: roar_baseline, dataset: adult, others: [lime, ixg] }", data).Verdict);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: B, kind: roar_baseline, dataset: adult, others: [agop_ixg, lime] }", data).Verdict);
    }

    [Fact]
    public void Model_at_least_and_no_dominance()
    {
        var models = Seeds.Select((s, i) => new ModelQuality("linear", s, 0.92, 0.98, 0.99, 0.93 + 0.002 * i) { TrainAccuracy = i == 0 ? 0.998 : 1.0 });
        var data = Data(Part1("linear", "agop_ixg", "spearman", 0.8, 0.8, 0.8, 0.8), models: models);
        Assert.Equal(Verdict.Holds, Decide("{ id: M, kind: model_at_least, metric: confidence_wrong, datasets: [linear], at_least: 0.9 }", data).Verdict);
        Assert.Equal(Verdict.Contradicted, Decide("{ id: M, kind: model_at_least, metric: confidence_wrong, datasets: [linear], at_least: 0.95 }", data).Verdict);
        Assert.Equal(Verdict.Holds, Decide("{ id: T, kind: model_at_least, metric: train_accuracy, datasets: [linear], at_least: 1.0, tolerance: 0.005 }", data).Verdict);
        Assert.Equal(Verdict.Tie, Decide("{ id: T, kind: model_at_least, metric: train_accuracy, datasets: [linear], at_least: 1.0, tolerance: 0.0005 }", data).Verdict);

        // AGOP-IxG best on Spearman, SHAP best on noise mass: each is significantly beaten somewhere
        var split = Data([.. Part1("linear", "agop_ixg", "spearman", 0.80, 0.82, 0.81, 0.83), .. Part1("linear", "shap", "spearman", 0.70, 0.71, 0.72, 0.70)]);
        var mixed = split with
        {
            Scores = [.. split.Scores.Select(s => s.Method == "shap" ? s with { NoiseMass = 0.2 + 0.01 * s.Seed % 3 } : s with { NoiseMass = 0.4 + 0.01 * s.Seed % 3 })],
        };
        const string dominance = "{ id: D, kind: no_dominance, methods: [agop_ixg, shap], metric: spearman }";
        Assert.Equal(Verdict.Contradicted, Decide(dominance, split).Verdict); // AGOP-IxG ahead in the only cell
        Assert.Equal(Verdict.Holds, Decide("{ id: D, kind: no_dominance, methods: [agop_ixg, shap] }", mixed).Verdict);
    }
}
