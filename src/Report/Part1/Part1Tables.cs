namespace Agop.Report;

/// <summary>Tables 1 and 2 of the AGOP-IxG paper: computed once as data, then formatted for the PDF and Markdown.</summary>
public static class Part1Tables
{
    public static readonly string[] Table1Columns =
        ["dataset", "method", "spearman_mean", "spearman_std", "topk_mean", "topk_std", "noise_mass_mean", "noise_mass_std", "time_s_mean"];

    public static readonly string[] Table2Columns =
        ["dataset", "accuracy_mean", "accuracy_std", "confidence_mean", "confidence_correct_mean", "confidence_wrong_mean"];

    /// <summary>Table 1 as data: one row per (dataset, method) that ran.</summary>
    public static ResultTable Table1Data(ReportData data) => new(Table1Columns,
        (from dataset in data.Datasets
         from method in data.Methods
         let s = data.Scores.Where(x => x.Dataset == dataset && x.Method == method).ToList()
         where s.Count > 0
         select (IReadOnlyList<object>)[dataset, method,
             Mean(s, x => x.Spearman), Std(s, x => x.Spearman), Mean(s, x => x.TopK), Std(s, x => x.TopK),
             Mean(s, x => x.NoiseMass), Std(s, x => x.NoiseMass), Mean(s, x => x.Seconds)]).ToList());

    /// <summary>Table 2 as data (every mean with its std; <c>table2.csv</c> exports <see cref="Table2Columns"/>).</summary>
    public static ResultTable Table2Data(ReportData data) => new(
        ["dataset", "accuracy_mean", "accuracy_std", "confidence_mean", "confidence_std", "confidence_correct_mean", "confidence_correct_std",
         "confidence_wrong_mean", "confidence_wrong_std"],
        (from dataset in data.Datasets
         let m = data.Models.Where(x => x.Dataset == dataset).ToList()
         where m.Count > 0
         select (IReadOnlyList<object>)[dataset, Mean(m, x => x.Accuracy), Std(m, x => x.Accuracy), Mean(m, x => x.Confidence), Std(m, x => x.Confidence),
             Mean(m, x => x.ConfidenceCorrect), Std(m, x => x.ConfidenceCorrect), Mean(m, x => x.ConfidenceWrong), Std(m, x => x.ConfidenceWrong)]).ToList());

    public static ReportTable Table1(ReportData data)
    {
        var table = Table1Data(data);
        string PlusMinusOf(IReadOnlyList<object> row, string metric) => PlusMinus(table.Number(row, metric + "_mean"), table.Number(row, metric + "_std"));
        return new(
            "Table 1. Attribution quality against ground truth (mean ± std over seeds)",
            ["Dataset", "Method", "Spearman ↑", "Top-k ↑", "Noise mass ↓", "Time (s)"],
            table.Rows.Select(r => (IReadOnlyList<string>)[table.Text(r, "dataset"), data.Names.Display(table.Text(r, "method")),
                PlusMinusOf(r, "spearman"), PlusMinusOf(r, "topk"), PlusMinusOf(r, "noise_mass"), table.Number(r, "time_s_mean").ToString("0.0000")]).ToList(),
            $"Correctly classified test samples only; seeds {string.Join(", ", data.Seeds)}. Time: wall-clock seconds to attribute the whole test set " +
            $"on {(data.Environment.TryGetValue("device", out var device) ? device : "?")} with " +
            $"{(data.Environment.TryGetValue("torch_threads", out var threads) ? threads : "?")} torch thread(s) per unit, other units possibly running " +
            "alongside (AGOP fit time is reported separately in the AGOP table; see the benchmarks for isolated timings).");
    }

    public static ReportTable Table2(ReportData data)
    {
        var table = Table2Data(data);
        string PlusMinusOf(IReadOnlyList<object> row, string metric) => PlusMinus(table.Number(row, metric + "_mean"), table.Number(row, metric + "_std"));
        return new(
            "Table 2. Model quality on the test set (mean ± std over seeds)",
            ["Dataset", "Accuracy", "Mean confidence", "Confidence (correct)", "Confidence (wrong)"],
            table.Rows.Select(r => (IReadOnlyList<string>)[table.Text(r, "dataset"), PlusMinusOf(r, "accuracy"), PlusMinusOf(r, "confidence"),
                PlusMinusOf(r, "confidence_correct"), PlusMinusOf(r, "confidence_wrong")]).ToList(),
            "Confidence is the softmax probability of the predicted class.");
    }

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

    static string PlusMinus(double mean, double std) => double.IsNaN(mean) ? "n/a" : $"{mean:0.000} ± {std:0.000}";
}
