namespace Agop.Report.Claims.Kinds;

/// <summary>Part 1's means over seeds and Part 2's mean ROAR AUCs, as the tabular claim kinds read them.</summary>
static class TabularMeans
{
    public static bool LowerIsBetter(string metric) => metric is "noise_mass" or "time_s";

    public static double Of(ReportData data, string dataset, string method, string metric)
    {
        var scores = data.Scores.Where(s => s.Dataset == dataset && s.Method == method).ToList();
        return scores.Count == 0 ? double.NaN : scores.Average(s => s.Metric(metric));
    }

    public static IReadOnlyDictionary<(string Dataset, string Method), double> RoarAucs(ReportData data) =>
        Part2Tables.Aucs(data.Roar).GroupBy(a => (a.Dataset, a.Method)).ToDictionary(g => g.Key, g => g.Average(a => a.Auc));
}
