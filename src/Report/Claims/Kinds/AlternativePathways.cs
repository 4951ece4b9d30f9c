namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 4 (F3): per dataset, <c>method</c> (FEI-ext) has a better insertion and deletion than every one of <c>others</c> (the
/// gradient methods that ran) and a higher activation deviation; the per-sample AD differences are sign-tested.
/// </summary>
public sealed class AlternativePathways : ClaimKind
{
    public override string Name => "alternative_pathways";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Faith is not { } track) return ClaimOutcome.NotRun("Part 4 was not in this run");
        var names = context.Names;
        var ran = Part4Tables.Methods(track);
        string ext = claim.Method;
        if (!ran.Contains(ext)) return ClaimOutcome.NotRun($"{names.Display(ext)} not in this run");
        var gradients = claim.Others.Where(ran.Contains).ToList();
        if (gradients.Count == 0) return ClaimOutcome.NotRun("no gradient method in this run");
        var results = new List<(string Dataset, bool Holds, string Text)>();
        int pairs = 0, external = 0, deviation = 0;
        foreach (var dataset in Part4Tables.Datasets(track))
        {
            double ins = Part4Tables.Mean(track, dataset, ext, "insertion"), del = Part4Tables.Mean(track, dataset, ext, "deletion"),
                ad = Part4Tables.Mean(track, dataset, ext, "ad");
            if (double.IsNaN(ins) || double.IsNaN(del) || double.IsNaN(ad)) continue;
            var rivals = gradients.Select(m => (Method: m, Ins: Part4Tables.Mean(track, dataset, m, "insertion"),
                    Del: Part4Tables.Mean(track, dataset, m, "deletion"), Ad: Part4Tables.Mean(track, dataset, m, "ad")))
                .Where(r => !double.IsNaN(r.Ins) && !double.IsNaN(r.Del) && !double.IsNaN(r.Ad)).ToList();
            if (rivals.Count == 0) continue;
            var better = rivals.Where(r => ins > r.Ins && del < r.Del).ToList();
            var higher = rivals.Where(r => ad > r.Ad).ToList();
            pairs += rivals.Count;
            external += better.Count;
            deviation += higher.Count;
            bool holds = better.Count == rivals.Count && higher.Count == rivals.Count;
            var misses = rivals.Where(r => !(ins > r.Ins && del < r.Del) || !(ad > r.Ad)).Select(r => names.Display(r.Method)).ToList();
            results.Add((dataset, holds, holds ? dataset : $"{dataset} (against {string.Join(", ", misses)})"));
        }
        if (results.Count == 0) return ClaimOutcome.NotRun($"no dataset has {names.Display(ext)} and a gradient method with insertion, deletion and AD");
        var samples = gradients.Select(g => Part4Claims.Paired(track, ext, g)).SelectMany(p => p.ActivationDeviation).ToList();
        var sign = SignTest.Test(samples);
        int holding = results.Count(r => r.Holds);
        string perSample = sign.N == 0 ? "no per-sample pairs"
            : $"per sample, AD(FEI-ext) above the gradient method's in {sign.Above} of {sign.N} non-zero pairs, sign test {Part4Claims.P(sign.PValue)}";
        return new ClaimOutcome($"holds on {holding} of {results.Count} dataset(s); (dataset, gradient method) pairs: insertion and deletion better in " +
                                $"{external} of {pairs}, AD higher in {deviation} of {pairs}; {perSample}{Part4Claims.Split(results.Select(r => (r.Holds, r.Text)))}",
            holding / (double)results.Count, holding == results.Count, sign.N == 0 ? double.NaN : sign.PValue);
    }
}
