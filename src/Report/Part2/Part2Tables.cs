using Agop.Statistics;

namespace Agop.Report;

/// <summary>Table 3 (ROAR AUC) and the ROAR curves: computed once as data, then formatted for the PDF and Markdown.</summary>
public static class Part2Tables
{
    public static readonly string[] Table3Columns = ["dataset", "method", "auc_mean", "auc_std"];
    public static readonly string[] CurveColumns = ["dataset", "seed", "method", "fraction", "accuracy"];

    /// <summary>AUC per (dataset, method, seed): the curve from t = 0 (the shared unmodified model) through each fraction.</summary>
    public static IReadOnlyList<(string Dataset, string Method, int Seed, double Auc)> Aucs(RoarSummary roar) =>
        (from dataset in roar.Datasets
         from method in roar.Methods
         from seed in roar.Seeds
         let points = roar.Points.Where(p => p.Dataset == dataset && p.Method == method && p.Seed == seed).ToList()
         where points.Count > 0 && roar.Baselines.ContainsKey((dataset, seed))
         select (dataset, method, seed, RoarAuc.Trapezoid(points.Select(p => (p.Fraction, p.Accuracy)).Prepend((0.0, roar.Baselines[(dataset, seed)]))))).ToList();

    /// <summary>Table 3 as data: mean and std of the AUC over seeds, one row per (dataset, method).</summary>
    public static ResultTable Table3Data(RoarSummary roar) => new(Table3Columns,
        Aucs(roar).GroupBy(a => (a.Dataset, a.Method)).Select(group =>
        {
            var values = group.Select(g => g.Auc).ToList();
            return (IReadOnlyList<object>)[group.Key.Dataset, group.Key.Method, values.Average(), Std(values)];
        }).ToList());

    public static ResultTable CurveData(RoarSummary roar) => new(CurveColumns,
        roar.Baselines.OrderBy(b => b.Key.Dataset).ThenBy(b => b.Key.Seed)
            .Select(b => (IReadOnlyList<object>)[b.Key.Dataset, b.Key.Seed, "baseline", 0.0, b.Value])
            .Concat(roar.Points.Select(p => (IReadOnlyList<object>)[p.Dataset, p.Seed, p.Method, p.Fraction, p.Accuracy])).ToList());

    public static ReportTable Table3(RoarSummary roar, MethodNames names)
    {
        var table = Table3Data(roar);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var method in roar.Methods)
        {
            var row = new List<string> { names.Display(method) };
            foreach (var dataset in roar.Datasets)
            {
                var cell = table.Rows.FirstOrDefault(r => table.Text(r, "dataset") == dataset && table.Text(r, "method") == method);
                row.Add(cell is null ? "n/a" : $"{table.Number(cell, "auc_mean"):0.0000} ± {table.Number(cell, "auc_std"):0.0000}");
            }
            rows.Add(row);
        }
        return new ReportTable("Table 3. ROAR AUC over [0, 0.5] (mean ± std over seeds; lower = more faithful ranking)",
            ["Method", .. roar.Datasets], rows,
            $"Trapezoidal area under test accuracy vs fraction of features removed, from t = 0 (unmodified model) through " +
            $"{string.Join(", ", roar.Points.Select(p => p.Fraction).Distinct().Order())}. Seeds {string.Join(", ", roar.Seeds)}. {roar.Budget}");
    }

    /// <summary>"Data: adult 45,222 rows (3,620 left out for a missing value), 104 inputs; …", or null when the data units recorded nothing.</summary>
    public static string? DataLine(RoarSummary roar)
    {
        var known = roar.Data.Where(d => !double.IsNaN(d.Rows)).ToList();
        if (known.Count == 0) return null;
        return "Data: " + string.Join("; ", known.Select(d => $"{d.Name} {d.Rows:N0} rows" +
            (d.Dropped > 0 ? $" ({d.Dropped:N0} left out for a missing value)" : double.IsNaN(d.Dropped) ? "" : " (none left out)") +
            $", {d.Features:N0} model inputs")) + ".";
    }

    public static ReportTable Baselines(RoarSummary roar) => new("ROAR baseline test accuracy (t = 0)",
        ["Dataset", "Accuracy (mean ± std)", "Seeds"],
        roar.Datasets.Select(d =>
        {
            var values = roar.Baselines.Where(b => b.Key.Dataset == d).Select(b => b.Value).ToList();
            return (IReadOnlyList<string>)[d, values.Count == 0 ? "n/a" : $"{values.Average():0.0000} ± {Std(values):0.0000}", values.Count.ToString()];
        }).ToList());

    static double Std(IReadOnlyList<double> values) => Agop.Statistics.SampleStatistics.StandardDeviation(values);
}
