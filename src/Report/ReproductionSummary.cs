using Agop.Report.Claims;

namespace Agop.Report;

/// <summary>
/// The page right after the title page: per paper, each claim's sentence, our number with its uncertainty, the verdict, the
/// scale it was decided at against the paper's, and the robustness line (variants that change the claim's inputs only).
/// </summary>
public static class ReproductionSummary
{
    public const string Heading = "Reproduction summary";

    static readonly (string Paper, string Title)[] Papers =
    [
        (AllClaims.AgopIxg, "AGOP-IxG (Parts 1 and 2)"),
        (AllClaims.AgopAsExplanation, "AGOP as Explanation (Part 3)"),
        (AllClaims.BeyondOutputFaithfulness, "Beyond Output Faithfulness (Part 4)"),
    ];

    /// <summary>"3 hold, 2 ties, 1 contradicted, 1 not run" (only the verdicts that occur).</summary>
    public static string Counts(IReadOnlyList<ClaimResult> claims)
    {
        var parts = Enum.GetValues<Verdict>().Select(v => (Verdict: v, Count: claims.Count(c => c.Verdict == v))).Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {VerdictText.Of(x.Verdict)}").ToList();
        return parts.Count == 0 ? "no claims" : string.Join(", ", parts);
    }

    public static void Add(ReportData data, List<ReportBlock> blocks)
    {
        var rows = ClaimsRobustness.Rows(data);
        var results = rows.Where(r => r.Variant == ClaimsRobustness.Base).Select(r => r.Result).ToList();
        if (results.Count == 0) return;
        blocks.Add(new HeadingBlock(1, Heading));
        blocks.Add(new ParagraphBlock(
            "Each claim as the paper states it, decided from our numbers with its uncertainty (SPEC §14): holds (the paper's direction beyond " +
            "the stated uncertainty), tie (within noise: the paper's direction is not settled), not detected (a one-sided effect not told from " +
            "its null), contradicted (the other way beyond the uncertainty), not run. The scale says at what size the verdict was decided, " +
            "beside the paper's; the robustness line counts only the variants that change a unit the claim reads. " +
            $"In all: {Counts(results)}."));
        foreach (var (paper, title) in Papers)
        {
            var mine = results.Where(r => r.Paper == paper).ToList();
            if (mine.Count == 0) continue;
            bool variants = data.Variants.Count > 0;
            blocks.Add(new TableBlock(new ReportTable($"Reproduction summary: {title}",
                variants ? ["Claim", "Ours (uncertainty)", "Verdict", "Scale", "Robustness"] : ["Claim", "Ours (uncertainty)", "Verdict", "Scale"],
                mine.Select(r => (IReadOnlyList<string>)[
                    $"{r.Id}: {r.Claim}",
                    r.Uncertainty.Length > 0 ? $"{r.Ours} ({r.Uncertainty})" : r.Ours,
                    r.VerdictText,
                    r.Scale.Length > 0 ? r.Scale : "–",
                    .. variants ? [ClaimsRobustness.Summary(rows, paper, r.Id)] : Array.Empty<string>()]).ToList(),
                $"{Counts(mine)}.")));
        }
    }
}
