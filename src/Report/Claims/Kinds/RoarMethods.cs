namespace Agop.Report.Claims.Kinds;

/// <summary>What the ROAR claim kinds share: which methods a claim ranks (its <c>methods</c>, else every ROAR method but the random baseline).</summary>
static class RoarMethods
{
    public const string RandomRanking = "random";

    public static IReadOnlyList<string> Of(PaperClaim claim, TabularResults results) =>
        claim.Methods.Count > 0 ? claim.Methods.Where(results.RoarMethods.Contains).ToList() : results.RoarMethods.Where(m => m != RandomRanking).ToList();

    /// <summary>Seed → AUC of each method, over the seeds every method has.</summary>
    public static (IReadOnlyList<int> Seeds, IReadOnlyDictionary<string, IReadOnlyDictionary<int, double>> Aucs) Aucs(TabularResults results, string dataset, IReadOnlyList<string> methods)
    {
        var aucs = methods.ToDictionary(m => m, m => results.RoarAuc(dataset, m));
        var seeds = aucs.Values.Select(a => a.Keys).Aggregate((IEnumerable<int>?)null, (acc, k) => acc is null ? k : acc.Intersect(k))?.Order().ToList() ?? [];
        return (seeds, aucs);
    }

    public static double MeanOver(IReadOnlyDictionary<int, double> bySeed, IReadOnlyList<int> seeds) => seeds.Count == 0 ? double.NaN : seeds.Average(s => bySeed[s]);
}
