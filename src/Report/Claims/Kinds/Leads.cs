namespace Agop.Report.Claims.Kinds;

/// <summary>Part 1: <c>method</c> has the best mean <c>metric</c> over seeds on every one of <c>datasets</c> (lowest for noise mass and time).</summary>
public sealed class Leads : ClaimKind
{
    public override string Name => "leads";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Data is not { } data) return ClaimOutcome.NotRun("Part 1 was not in this run");
        var evidence = new List<string>();
        bool all = true;
        foreach (var dataset in claim.Datasets)
        {
            var means = data.Methods.Select(m => (Method: m, Value: TabularMeans.Of(data, dataset, m, claim.Metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            if (means.Count < 2 || means.All(m => m.Method != claim.Method))
                return new ClaimOutcome($"{dataset}: not enough methods were run", double.NaN, null);
            var best = TabularMeans.LowerIsBetter(claim.Metric) ? means.MinBy(m => m.Value) : means.MaxBy(m => m.Value);
            bool leads = best.Method == claim.Method;
            all &= leads;
            evidence.Add(leads
                ? $"{dataset}: {data.Names.Display(claim.Method)} {best.Value:0.000} leads"
                : $"{dataset}: {data.Names.Display(best.Method)} {best.Value:0.000} beats {data.Names.Display(claim.Method)} {means.First(m => m.Method == claim.Method).Value:0.000}");
        }
        return new ClaimOutcome(string.Join("; ", evidence), double.NaN, all);
    }
}
