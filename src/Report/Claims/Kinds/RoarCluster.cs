namespace Agop.Report.Claims.Kinds;

/// <summary>Part 2: on every data set the methods' mean ROAR AUCs lie within <c>within</c> of each other, relative to their mean.</summary>
public sealed class RoarCluster : ClaimKind
{
    public override string Name => "roar_cluster";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        var aucs = context.Data is { } data ? TabularMeans.RoarAucs(data) : new Dictionary<(string, string), double>();
        if (aucs.Count == 0) return new ClaimOutcome("ROAR was not run", double.NaN, null);
        var spreads = aucs.GroupBy(a => a.Key.Dataset).Select(g =>
        {
            double max = g.Max(a => a.Value), min = g.Min(a => a.Value), mean = g.Average(a => a.Value);
            return (Dataset: g.Key, Spread: (max - min) / mean);
        }).ToList();
        return new ClaimOutcome($"relative AUC spread (max − min) / mean: {string.Join(", ", spreads.Select(s => $"{s.Dataset} {s.Spread:P2}"))}",
            spreads.Max(s => s.Spread), spreads.All(s => s.Spread <= claim.Within));
    }
}
