namespace Agop.Report.Claims.Kinds;

/// <summary>Part 1: <c>method</c> is at least <c>at_least</c> times faster than <c>over</c> on every dataset (mean attribution time).</summary>
public sealed class Speedup : ClaimKind
{
    public override string Name => "speedup";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Data is not { } data) return ClaimOutcome.NotRun("Part 1 was not in this run");
        var ratios = data.Datasets
            .Select(d => (Dataset: d, Ratio: TabularMeans.Of(data, d, claim.Over, "time_s") / TabularMeans.Of(data, d, claim.Method, "time_s")))
            .Where(r => double.IsFinite(r.Ratio)).ToList();
        if (ratios.Count == 0) return new ClaimOutcome("timings missing", double.NaN, null);
        return new ClaimOutcome($"ours: {string.Join(", ", ratios.Select(r => $"{r.Dataset} {r.Ratio:0}x"))} (CPU, this machine; claim needs at least {claim.AtLeast:0}x)",
            ratios.Min(r => r.Ratio), ratios.All(r => r.Ratio >= claim.AtLeast));
    }
}
