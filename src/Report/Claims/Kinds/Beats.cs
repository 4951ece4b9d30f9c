namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: per scenario, the best of <c>methods</c> against the best of <c>others</c> (by mean), decided by the paired sign
/// test; reproduced when significantly above on every scenario. The p-value kept is the largest.
/// </summary>
public sealed class Beats : ClaimKind
{
    public override string Name => "beats";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        var results = new List<(string Scenario, bool Wins, double P, string Text)>();
        foreach (var scenario in track.Scenarios)
        {
            var ours = claim.Methods.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            var others = claim.Others.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            if (ours.Count == 0 || others.Count == 0) continue;
            var best = ours.MaxBy(x => x.Value);
            var rival = others.MaxBy(x => x.Value);
            var test = PairedComparison.Of(ImageClaimInputs.PairedDifferences(track, scenario, background, best.Method, rival.Method, metric));
            results.Add((scenario, test.Direction == PairedDirection.Above, test.Test.PValue,
                $"{scenario} {names.Display(best.Method)} {best.Value:0.000} vs {names.Display(rival.Method)} {rival.Value:0.000}: {test.DirectionText} ({Part4Claims.P(test.Test.PValue)})"));
        }
        if (results.Count == 0) return ClaimOutcome.NotRun($"no {background} scenario has an AGOP variant and a rival");
        int won = results.Count(r => r.Wins);
        return new ClaimOutcome($"best AGOP variant significantly ahead on {won} of {results.Count} scenario(s) (paired sign test, seeds pooled): " +
                                string.Join("; ", results.Select(r => r.Text)), won / (double)results.Count, won == results.Count, results.Max(r => r.P));
    }
}
