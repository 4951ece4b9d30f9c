namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: per scenario, the best of <c>methods</c> against the best of <c>others</c> (by mean), by the per-image paired
/// difference's 95 % interval: above 0 holds, below contradicts, across ties. The verdict needs every scenario; the value is
/// the share of scenarios where it holds.
/// </summary>
public sealed class Beats : ClaimKind
{
    public override string Name => "beats";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the abstract states it qualitatively");
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        var results = new List<(string Scenario, Verdict Verdict, string Text)>();
        foreach (var scenario in track.Scenarios)
        {
            var ours = claim.Methods.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            var others = claim.Others.Select(m => (Method: m, Value: Part3Tables.Mean(track, scenario, background, m, metric))).Where(x => !double.IsNaN(x.Value)).ToList();
            if (ours.Count == 0 || others.Count == 0) continue;
            var best = ours.MaxBy(x => x.Value);
            var rival = others.MaxBy(x => x.Value);
            var difference = Interval.OfSampleMean(ImageClaimInputs.PairedDifferences(track, scenario, background, best.Method, rival.Method, metric));
            if (difference.N == 0) continue;
            var verdict = difference.Against(0, above: true);
            results.Add((scenario, verdict, $"{scenario} {names.Display(best.Method)} {best.Value:0.000} vs {names.Display(rival.Method)} {rival.Value:0.000}: " +
                                            $"{difference.Text("+0.000;-0.000;0.000")} {VerdictText.Of(verdict)}"));
        }
        if (results.Count == 0) return ClaimOutcome.NotRun($"no {background} scenario has an AGOP variant and a rival");
        int won = results.Count(r => r.Verdict == Verdict.Holds);
        return new ClaimOutcome(VerdictText.All(results.Select(r => r.Verdict)),
            $"best of {string.Join(", ", claim.Methods.Select(names.Display))} ahead on {won} of {results.Count} scenario(s)" +
            (claim.Note.Length > 0 ? $" ({claim.Note})" : "") + ": " + string.Join("; ", results.Select(r => r.Text)),
            won / (double)results.Count, "per-image paired difference (seeds pooled), 95 % normal interval per scenario");
    }
}
