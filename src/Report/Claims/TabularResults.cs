namespace Agop.Report.Claims;

/// <summary>
/// Parts 1 and 2 as the claim kinds read them: per-seed values of every cell a claim reads. Two sources give them: our run
/// (<see cref="OurTabularResults"/>) and the paper's own numbers (<see cref="PaperTabularResults"/>, one value per cell), so the
/// same kind decides a claim on either and the paper's numbers can be checked against their own claims.
/// </summary>
public abstract class TabularResults
{
    public abstract IReadOnlyList<string> Datasets { get; }
    public abstract IReadOnlyList<string> Methods { get; }
    public abstract IReadOnlyList<string> RoarDatasets { get; }
    public abstract IReadOnlyList<string> RoarMethods { get; }
    public abstract IReadOnlyList<double> RoarFractions { get; }

    /// <summary>Part 1: seed → value of spearman, topk, noise_mass or time_s (empty when not run or not reported).</summary>
    public abstract IReadOnlyDictionary<int, double> Part1(string dataset, string method, string metric);

    /// <summary>Part 1's models: seed → accuracy, confidence, confidence_correct, confidence_wrong or train_accuracy.</summary>
    public abstract IReadOnlyDictionary<int, double> Model(string dataset, string metric);

    /// <summary>Part 2: seed → ROAR AUC of one method's ranking.</summary>
    public abstract IReadOnlyDictionary<int, double> RoarAuc(string dataset, string method);

    /// <summary>Part 2: seed → retrained accuracy at <paramref name="fraction"/> minus the unmodified model's accuracy (the same seed's).</summary>
    public abstract IReadOnlyDictionary<int, double> RoarGain(string dataset, string method, double fraction);

    /// <summary>A summary number only the paper states (a spread, a rank, a peak accuracy); NaN for our run, which computes them.</summary>
    public virtual double Stated(string dataset, string method, string metric) => double.NaN;

    public static bool LowerIsBetter(string metric) => metric is "noise_mass" or "time_s" or "roar_auc";

    public static double Mean(IReadOnlyDictionary<int, double> bySeed) => bySeed.Count == 0 ? double.NaN : bySeed.Values.Average();

    /// <summary>Seed-paired differences a − b over the seeds both have.</summary>
    public static IReadOnlyList<double> Paired(IReadOnlyDictionary<int, double> a, IReadOnlyDictionary<int, double> b) =>
        a.Keys.Where(b.ContainsKey).Order().Select(s => a[s] - b[s]).ToList();
}

/// <summary>Our run's Parts 1 and 2.</summary>
public sealed class OurTabularResults(ReportData data) : TabularResults
{
    readonly Lazy<IReadOnlyList<(string Dataset, string Method, int Seed, double Auc)>> _aucs = new(() => Part2Tables.Aucs(data.Roar));

    public override IReadOnlyList<string> Datasets => data.Datasets;
    public override IReadOnlyList<string> Methods => data.Methods;
    public override IReadOnlyList<string> RoarDatasets => data.Roar.Datasets;
    public override IReadOnlyList<string> RoarMethods => data.Roar.Methods;
    public override IReadOnlyList<double> RoarFractions => data.Roar.Points.Select(p => p.Fraction).Distinct().Order().ToList();

    public override IReadOnlyDictionary<int, double> Part1(string dataset, string method, string metric) =>
        data.Scores.Where(s => s.Dataset == dataset && s.Method == method).GroupBy(s => s.Seed).ToDictionary(g => g.Key, g => g.Average(s => s.Metric(metric)));

    public override IReadOnlyDictionary<int, double> Model(string dataset, string metric) =>
        data.Models.Where(m => m.Dataset == dataset).GroupBy(m => m.Seed).ToDictionary(g => g.Key, g => g.Average(m => m.Metric(metric)));

    public override IReadOnlyDictionary<int, double> RoarAuc(string dataset, string method) =>
        _aucs.Value.Where(a => a.Dataset == dataset && a.Method == method).ToDictionary(a => a.Seed, a => a.Auc);

    public override IReadOnlyDictionary<int, double> RoarGain(string dataset, string method, double fraction) =>
        data.Roar.Points.Where(p => p.Dataset == dataset && p.Method == method && p.Fraction == fraction && data.Roar.Baselines.ContainsKey((dataset, p.Seed)))
            .ToDictionary(p => p.Seed, p => p.Accuracy - data.Roar.Baselines[(dataset, p.Seed)]);
}

/// <summary>The paper's own numbers (its reference file's <c>numbers:</c>) as one seed of results; what it does not report is absent.</summary>
public sealed class PaperTabularResults(PaperReference reference) : TabularResults
{
    const int PaperSeed = 0;

    IEnumerable<PaperNumber> Part(int part) => reference.Numbers.Where(n => n.Part == part && n.Dataset != "all");

    public override IReadOnlyList<string> Datasets => Part(1).Select(n => n.Dataset).Distinct().ToList();
    public override IReadOnlyList<string> Methods => Part(1).Where(n => n.Method != "model").Select(n => n.Method).Distinct().ToList();
    public override IReadOnlyList<string> RoarDatasets => Part(2).Select(n => n.Dataset).Distinct().ToList();
    public override IReadOnlyList<string> RoarMethods => Part(2).Where(n => n.Method != "model").Select(n => n.Method).Distinct().ToList();
    public override IReadOnlyList<double> RoarFractions => [];

    IReadOnlyDictionary<int, double> One(int part, string dataset, string method, string metric) =>
        Part(part).FirstOrDefault(n => n.Dataset == dataset && n.Method == method && n.Metric == metric) is { } n
            ? new Dictionary<int, double> { [PaperSeed] = n.Value } : new Dictionary<int, double>();

    public override IReadOnlyDictionary<int, double> Part1(string dataset, string method, string metric) => One(1, dataset, method, metric);
    public override IReadOnlyDictionary<int, double> Model(string dataset, string metric) => One(1, dataset, "model", metric);
    public override IReadOnlyDictionary<int, double> RoarAuc(string dataset, string method) => One(2, dataset, method, "roar_auc");
    public override IReadOnlyDictionary<int, double> RoarGain(string dataset, string method, double fraction) => new Dictionary<int, double>();

    public override double Stated(string dataset, string method, string metric) =>
        reference.Numbers.FirstOrDefault(n => n.Dataset == dataset && n.Method == method && n.Metric == metric)?.Value ?? double.NaN;
}
