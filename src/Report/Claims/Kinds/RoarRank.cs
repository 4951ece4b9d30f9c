using System.Globalization;

namespace Agop.Report.Claims.Kinds;

/// <summary>Part 2: <c>method</c> ranks <c>rank</c> (a number or "last") by mean ROAR AUC on <c>dataset</c>, 1 = lowest AUC.</summary>
public sealed class RoarRank : ClaimKind
{
    public override string Name => "roar_rank";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Data is not { } data) return ClaimOutcome.NotRun("ROAR was not in this run");
        var ordered = TabularMeans.RoarAucs(data).Where(a => a.Key.Dataset == claim.Dataset).OrderBy(a => a.Value).Select(a => a.Key.Method).ToList();
        if (!ordered.Contains(claim.Method)) return new ClaimOutcome($"ROAR on {claim.Dataset} was not run for {claim.Method}", double.NaN, null);
        int rank = ordered.IndexOf(claim.Method) + 1;
        int wanted = claim.Rank == "last" ? ordered.Count : int.Parse(claim.Rank, CultureInfo.InvariantCulture);
        return new ClaimOutcome($"ours: rank {rank} of {ordered.Count} by AUC (1 = lowest AUC = most faithful): {string.Join(" < ", ordered.Select(data.Names.Display))}",
            rank, rank == wanted);
    }
}
