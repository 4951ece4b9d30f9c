using Agop.Report.Claims.Kinds;

namespace Agop.Report.Claims;

/// <summary>
/// Decides every paper's claims: each claim is data in a reference file under <c>configs/reference/</c>, each kind one class.
/// The claims tables, the reproduction summary page and the robustness tables are all views of its results.
/// </summary>
public static class ClaimEngine
{
    static readonly ClaimKind[] Kinds =
    [
        new Leads(), new Speedup(), new RoarCluster(), new RoarRank(), new RoarVersus(), new RoarAgainstBaseline(), new ModelAtLeast(), new NoDominance(),
        new Gain(), new Ratio(), new Below(), new Near(), new Beats(), new Cost(), new Offline(), new Trend(),
        new FeiBest(), new LowerActivationDeviation(), new AlternativePathways(),
    ];

    static readonly Dictionary<string, ClaimKind> ByName = Kinds.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IReadOnlyList<string> KindNames => Kinds.Select(k => k.Name).ToList();

    public static ClaimKind? Kind(string name) => ByName.GetValueOrDefault(name);

    public static IReadOnlyList<ClaimResult> Decide(string paper, PaperReference reference, ClaimContext context, ClaimScale? scale = null) =>
        reference.Claims.Select((claim, i) => Decide(paper, claim, i, context with { Paper = reference }, scale, reference)).ToList();

    public static ClaimResult Decide(string paper, PaperClaim claim, int index, ClaimContext context, ClaimScale? scale = null, PaperReference? reference = null)
    {
        var kind = ByName.GetValueOrDefault(claim.Kind);
        var outcome = kind is not null
            ? kind.Decide(claim, context)
            : new ClaimOutcome(Verdict.NotRun, $"unknown claim kind '{claim.Kind}' (known: {string.Join(", ", KindNames)})", double.NaN);
        string scaleText = kind is null || scale is null ? "" : scale.Describe(kind.Reads(claim), reference);
        return new ClaimResult(paper, claim, claim.Id.Length > 0 ? claim.Id : $"C{index + 1}", outcome, scaleText);
    }

    /// <summary>The claims decided on the paper's own numbers (its reference file's <c>numbers:</c>), as the PaperValues test reads them.</summary>
    public static IReadOnlyList<ClaimResult> DecideOnPaperNumbers(string paper, PaperReference reference, MethodNames names) =>
        Decide(paper, reference, ClaimContext.OfPaper(reference, names));
}
