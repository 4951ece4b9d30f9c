namespace Agop.Report;

/// <summary>Tables 1 and 2 of the AGOP-IxG paper, as CSV rows and as formatted PDF tables.</summary>
public static class Part1Tables
{
    public static readonly string[] Table1Columns =
        ["dataset", "method", "spearman_mean", "spearman_std", "topk_mean", "topk_std", "noise_mass_mean", "noise_mass_std", "time_s_mean"];

    public static readonly string[] Table2Columns =
        ["dataset", "accuracy_mean", "accuracy_std", "confidence_mean", "confidence_correct_mean", "confidence_wrong_mean"];

    public static IEnumerable<IReadOnlyList<object>> Table1Rows(ReportData data) =>
        from dataset in data.Datasets
        from method in data.Methods
        let s = data.Scores.Where(x => x.Dataset == dataset && x.Method == method).ToList()
        where s.Count > 0
        select (IReadOnlyList<object>)[dataset, method,
            Mean(s, x => x.Spearman), Std(s, x => x.Spearman), Mean(s, x => x.TopK), Std(s, x => x.TopK),
            Mean(s, x => x.NoiseMass), Std(s, x => x.NoiseMass), Mean(s, x => x.Seconds)];

    public static IEnumerable<IReadOnlyList<object>> Table2Rows(ReportData data) =>
        from dataset in data.Datasets
        let m = data.Models.Where(x => x.Dataset == dataset).ToList()
        where m.Count > 0
        select (IReadOnlyList<object>)[dataset, Mean(m, x => x.Accuracy), Std(m, x => x.Accuracy), Mean(m, x => x.Confidence),
            Mean(m, x => x.ConfidenceCorrect), Mean(m, x => x.ConfidenceWrong)];

    public static ReportTable Table1(ReportData data) => new(
        "Table 1. Attribution quality against ground truth (mean ± std over seeds)",
        ["Dataset", "Method", "Spearman ↑", "Top-k ↑", "Noise mass ↓", "Time (s)"],
        (from dataset in data.Datasets
         from method in data.Methods
         let s = data.Scores.Where(x => x.Dataset == dataset && x.Method == method).ToList()
         where s.Count > 0
         select (IReadOnlyList<string>)[dataset, data.Names.Display(method), PlusMinus(s, x => x.Spearman), PlusMinus(s, x => x.TopK),
             PlusMinus(s, x => x.NoiseMass), Mean(s, x => x.Seconds).ToString("0.0000")]).ToList(),
        $"Correctly classified test samples only; seeds {string.Join(", ", data.Seeds)}. Time: wall-clock seconds to attribute the whole test set " +
        $"on {(data.Environment.TryGetValue("device", out var device) ? device : "?")} with " +
        $"{(data.Environment.TryGetValue("torch_threads", out var threads) ? threads : "?")} torch thread(s) per unit, other units possibly running " +
        "alongside (AGOP fit time is reported separately in the AGOP table; see the benchmarks for isolated timings).");

    public static ReportTable Table2(ReportData data) => new(
        "Table 2. Model quality on the test set (mean ± std over seeds)",
        ["Dataset", "Accuracy", "Mean confidence", "Confidence (correct)", "Confidence (wrong)"],
        (from dataset in data.Datasets
         let m = data.Models.Where(x => x.Dataset == dataset).ToList()
         where m.Count > 0
         select (IReadOnlyList<string>)[dataset, PlusMinus(m, x => x.Accuracy), PlusMinus(m, x => x.Confidence),
             PlusMinus(m, x => x.ConfidenceCorrect), PlusMinus(m, x => x.ConfidenceWrong)]).ToList(),
        "Confidence is the softmax probability of the predicted class.");

    public static ReportTable AgopTable(ReportData data) => new(
        "AGOP rank K and fit time per dataset and seed",
        ["Dataset", "Seed", "K", "d", "Fit time (s)"],
        data.Agop.OrderBy(a => data.Datasets.ToList().IndexOf(a.Dataset)).ThenBy(a => a.Seed)
            .Select(a => (IReadOnlyList<string>)[a.Dataset, a.Seed.ToString(), a.Rank.ToString(), a.Features.ToString(), a.FitSeconds.ToString("0.0000")]).ToList());

    public static ReportTable ConfidenceTable(ReportData data) => new(
        "95% confidence intervals of the Table 1 means (Student t over seeds)",
        ["Dataset", "Method", "Spearman", "Top-k", "Noise mass"],
        (from dataset in data.Datasets
         from method in data.Methods
         let s = data.Scores.Where(x => x.Dataset == dataset && x.Method == method).ToList()
         where s.Count > 0
         select (IReadOnlyList<string>)[dataset, data.Names.Display(method), Interval(s, x => x.Spearman), Interval(s, x => x.TopK),
             Interval(s, x => x.NoiseMass)]).ToList(),
        "With a single seed no interval can be given (n/a).");

    static string Interval<T>(IReadOnlyList<T> items, Func<T, double> pick)
    {
        var (mean, half) = Agop.Statistics.ConfidenceInterval.Of(items.Select(pick).ToList());
        return double.IsNaN(half) ? $"{mean:0.000} (n/a)" : $"{mean:0.000} [{mean - half:0.000}, {mean + half:0.000}]";
    }

    static double Mean<T>(IReadOnlyList<T> items, Func<T, double> pick) => items.Select(pick).Average();

    static double Std<T>(IReadOnlyList<T> items, Func<T, double> pick) =>
        Agop.Statistics.SampleStatistics.StandardDeviation(items.Select(pick).ToList());

    static string PlusMinus<T>(IReadOnlyList<T> items, Func<T, double> pick) =>
        double.IsNaN(Mean(items, pick)) ? "n/a" : $"{Mean(items, pick):0.000} ± {Std(items, pick):0.000}";
}
