namespace Agop.Report;

/// <summary>The paper's published numbers beside ours, with the difference.</summary>
public static class PaperComparison
{
    public static double Ours(PaperNumber number, ReportData data)
    {
        if (number.Metric == "accuracy")
        {
            var values = number.Part == 1
                ? data.Models.Where(m => m.Dataset == number.Dataset).Select(m => m.Accuracy).ToList()
                : data.Roar.Baselines.Where(b => b.Key.Dataset == number.Dataset).Select(b => b.Value).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
        var scores = data.Scores.Where(s => s.Method == number.Method && (number.Dataset == "all" || s.Dataset == number.Dataset)).ToList();
        if (scores.Count == 0) return double.NaN;
        return scores.Average(s => s.Metric(number.Metric));
    }

    public static ReportTable Table(PaperReference reference, ReportData data) => new(
        "Paper versus reproduction",
        ["Part", "Dataset", "Method", "Metric", "Paper", "Ours", "Ours − paper"],
        reference.Numbers.Select(n =>
        {
            double ours = Ours(n, data);
            string method = n.Method == "model" ? "(model)" : data.Names.Display(n.Method);
            return (IReadOnlyList<string>)[n.Part.ToString(), n.Dataset, method, n.Metric, Format(n.Value), Format(ours),
                double.IsNaN(ours) ? "not run" : Format(ours - n.Value)];
        }).ToList(),
        $"Reference: {reference.Paper}. Times: the paper's are on one GPU per dataset, ours are CPU wall-clock seconds on this machine.");

    static string Format(double v) => double.IsNaN(v) ? "–" : Math.Abs(v) >= 10 ? v.ToString("0.0") : v.ToString("0.000");
}
