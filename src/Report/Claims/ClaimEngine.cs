using Agop.Report.Claims.Kinds;

namespace Agop.Report.Claims;

/// <summary>
/// Decides every paper's claims: each claim is data in a reference file under <c>configs/reference/</c>, each kind one class.
/// Tables 1–2's claims list, Table 4b, Table 6b and the robustness tables are all views of its results.
/// </summary>
public static class ClaimEngine
{
    static readonly ClaimKind[] Kinds =
    [
        new Leads(), new Speedup(), new RoarCluster(), new RoarRank(),
        new Gain(), new Ratio(), new Below(), new Near(), new Beats(), new Cost(), new Offline(), new Trend(),
        new FeiBest(), new LowerActivationDeviation(), new AlternativePathways(),
    ];

    static readonly Dictionary<string, ClaimKind> ByName = Kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> KindNames => Kinds.Select(k => k.Name).ToList();

    public static IReadOnlyList<ClaimResult> Decide(string paper, PaperReference reference, ClaimContext context) =>
        reference.Claims.Select((claim, i) => Decide(paper, claim, i, context)).ToList();

    public static ClaimResult Decide(string paper, PaperClaim claim, int index, ClaimContext context)
    {
        var outcome = ByName.TryGetValue(claim.Kind, out var kind)
            ? kind.Decide(claim, context)
            : new ClaimOutcome($"unknown claim kind '{claim.Kind}' (known: {string.Join(", ", KindNames)})", double.NaN, null);
        return new ClaimResult(paper, claim, claim.Id.Length > 0 ? claim.Id : $"C{index + 1}", outcome);
    }
}
