namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 4 (F3), an existence claim (SPEC §11.1): on at least one dataset, <c>method</c> (FEI-ext) raises the spurious-activation
/// rate (§11.3) against <c>over</c> (FEI) at matched insertion and deletion (mean differences within <c>within</c>). Per dataset the
/// per-sample spurious-rate difference's 95 % interval above 0 holds, below 0 contradicts, across 0 is not detected; a dataset whose
/// insertion or deletion is not matched does not count. Holds when one dataset holds.
/// </summary>
public sealed class AlternativePathways : ClaimKind
{
    public override string Name => "alternative_pathways";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part4];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the paper's numbers are on ImageNet/CUB (not reproducible offline)");
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        var ran = Part4Tables.Methods(track);
        if (!ran.Contains(claim.Method) || !ran.Contains(claim.Over))
            return ClaimOutcome.NotRun($"{string.Join(" and ", new[] { claim.Method, claim.Over }.Where(m => !ran.Contains(m)).Select(names.Display))} not in this run");
        var results = new List<(string Dataset, Verdict Verdict, string Text)>();
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            var paired = Part4Claims.Paired(track with { Samples = track.Samples.Where(s => s.Dataset == dataset).ToList() }, claim.Method, claim.Over);
            if (paired.Pairs == 0 || paired.SpuriousRate.Count == 0) continue;
            var spurious = Interval.OfSampleMean(paired.SpuriousRate);
            double ins = paired.Insertion.Average(), del = paired.Deletion.Average();
            bool matched = Math.Abs(ins) <= claim.Within && Math.Abs(del) <= claim.Within;
            var verdict = !matched ? Verdict.NotDetected : spurious.Against(0, above: true, Verdict.NotDetected);
            results.Add((dataset, verdict, $"{dataset} Δspurious {spurious.Text("+0.0000;-0.0000;0.0000")} (Δinsertion {ins:+0.000;-0.000;0.000}, " +
                                           $"Δdeletion {del:+0.000;-0.000;0.000}{(matched ? "" : ", not matched")}) {VerdictText.Of(verdict)}"));
        }
        if (results.Count == 0) return ClaimOutcome.NotRun($"no dataset has per-sample spurious rates of both {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        int holding = results.Count(r => r.Verdict == Verdict.Holds);
        return new ClaimOutcome(VerdictText.Any(results.Select(r => r.Verdict)),
            $"{names.Display(claim.Method)} − {names.Display(claim.Over)}, matched within {claim.Within:0.00}: raised on {holding} of {results.Count} dataset(s); " +
            string.Join("; ", results.Select(r => r.Text)), holding / (double)results.Count,
            "per-sample differences (same dataset, seed, index), 95 % normal interval per dataset; an existence claim: one dataset suffices");
    }
}
