using System.Globalization;

namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 2: <c>method</c> ranks <c>rank</c> (a number or "last") by mean ROAR AUC on <c>dataset</c> among the claim's methods,
/// 1 = lowest AUC. Decided by the rank's probability over seed resamples: holds at P ≥ 0.95, contradicted at P ≤ 0.05, a tie
/// (the rank is not settled by the seeds) between.
/// </summary>
public sealed class RoarRank : ClaimKind
{
    public const double Settled = 0.95;

    public override string Name => "roar_rank";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part2];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("ROAR was not in this run");
        var names = context.Names;
        if (context.FromPaper)
        {
            double stated = results.Stated(claim.Dataset, claim.Method, "roar_rank");
            double count = results.Stated(claim.Dataset, "all", "roar_methods");
            if (double.IsNaN(stated)) return ClaimOutcome.NotReported($"the rank on {claim.Dataset}");
            int wantedPaper = claim.Rank == "last" ? (int)count : int.Parse(claim.Rank, CultureInfo.InvariantCulture);
            return new ClaimOutcome((int)stated == wantedPaper ? Verdict.Holds : Verdict.Contradicted, $"the paper: rank {stated:0} of {count:0}", stated,
                "the paper's own ranking (no interval)");
        }
        var methods = RoarMethods.Of(claim, results);
        if (!methods.Contains(claim.Method)) return ClaimOutcome.NotRun($"ROAR on {claim.Dataset} was not run for {names.Display(claim.Method)}");
        var (seeds, aucs) = RoarMethods.Aucs(results, claim.Dataset, methods);
        if (seeds.Count == 0) return ClaimOutcome.NotRun($"ROAR on {claim.Dataset} was not run");
        int wanted = claim.Rank == "last" ? methods.Count : int.Parse(claim.Rank, CultureInfo.InvariantCulture);
        int RankOn(IReadOnlyList<int> drawn)
        {
            double mine = RoarMethods.MeanOver(aucs[claim.Method], drawn);
            return 1 + methods.Count(m => m != claim.Method && RoarMethods.MeanOver(aucs[m], drawn) < mine);
        }
        var ordered = methods.OrderBy(m => RoarMethods.MeanOver(aucs[m], seeds)).ToList();
        int rank = ordered.IndexOf(claim.Method) + 1;
        double probability = SeedBootstrap.Resample(seeds, RankOn).Count(r => r == wanted) / (double)SeedBootstrap.Resamples;
        var verdict = probability >= Settled ? Verdict.Holds : probability <= 1 - Settled ? Verdict.Contradicted : Verdict.Tie;
        string gaps = string.Join(" < ", ordered.Select(m => $"{names.Display(m)} {RoarMethods.MeanOver(aucs[m], seeds):0.0000}"));
        return new ClaimOutcome(verdict, $"rank {rank} of {methods.Count} by mean AUC (1 = lowest = most faithful): {gaps}; " +
                                         $"{names.Display(claim.Method)} ranks {wanted} in {probability:0%} of seed resamples", rank,
            $"P(rank {wanted}) = {probability:0.00} over {SeedBootstrap.Resamples:#,0} resamples of the {seeds.Count} seed(s); holds at P ≥ {Settled}, contradicted at P ≤ {1 - Settled:0.00}");
    }
}
