namespace Agop.Report.Claims;

/// <summary>One claim under one config: the base ("base") or a robustness variant, and whether that variant changes a unit the claim reads.</summary>
public sealed record RobustnessRow(string Variant, ClaimResult Result, bool ChangesInputs);

/// <summary>
/// Each paper claim's verdict under the base config and every robustness variant (<see cref="ReportData.Variants"/>), and a
/// one-line summary per claim that counts only the variants that change a unit the claim reads (SPEC §14). Exported as
/// <c>claims_robustness.csv</c>; the claims tables and the reproduction summary print the summary.
/// </summary>
public static class ClaimsRobustness
{
    public const string Base = "base";
    public static readonly string[] Columns = ["paper", "claim", "variant", "verdict", "ours", "uncertainty", "scale", "paper_value", "p_value", "changes", "changes_inputs"];

    /// <summary>The unit-id prefixes of each part's units: a variant changes a claim's inputs when it replaces one of them.</summary>
    static readonly Dictionary<ClaimTrack, string[]> UnitPrefixes = new()
    {
        [ClaimTrack.Part1] = ["generate/", "train/", "fitagop/", "attribute/", "evaluate/"],
        [ClaimTrack.Part2] = ["fetchdata/", "roar/"],
        [ClaimTrack.Part3] = ["image/"],
        [ClaimTrack.Part4] = ["faith/", "fei/"],
    };

    /// <summary>Whether <paramref name="variant"/> replaces a unit that <paramref name="claim"/> reads.</summary>
    public static bool ChangesInputs(VariantData variant, PaperClaim claim)
    {
        if (ClaimEngine.Kind(claim.Kind) is not { } kind) return false;
        var prefixes = kind.Reads(claim).SelectMany(t => UnitPrefixes[t]).ToList();
        return variant.ChangedUnits.Any(id => prefixes.Any(p => id.StartsWith(p, StringComparison.Ordinal)));
    }

    /// <summary>Each config's claims, decided once per <see cref="ReportData"/> (the CSV, the tables and the summary columns all read them).</summary>
    public static IReadOnlyList<RobustnessRow> Rows(ReportData data) => Decided.GetValue(data, Decide);

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReportData, IReadOnlyList<RobustnessRow>> Decided = new();

    static IReadOnlyList<RobustnessRow> Decide(ReportData data)
    {
        var rows = AllClaims.Decide(data).Select(r => new RobustnessRow(Base, r, false)).ToList();
        foreach (var variant in data.Variants)
            rows.AddRange(AllClaims.Decide(variant.Data).Select(r => new RobustnessRow(variant.Name, r, ChangesInputs(variant, r.Source))));
        // claim by claim, base first, variants in config order
        var order = rows.Select(r => (r.Result.Paper, r.Result.Id)).Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        return rows.OrderBy(r => order[(r.Result.Paper, r.Result.Id)]).ToList();
    }

    public static ResultTable Data(ReportData data)
    {
        var changes = data.Variants.ToDictionary(v => v.Name, v => string.Join("; ", v.Changes));
        return new ResultTable(Columns, Rows(data).Select(r => (IReadOnlyList<object>)[r.Result.Paper, r.Result.Id, r.Variant, r.Result.VerdictText, r.Result.Ours,
            r.Result.Uncertainty, r.Result.Scale, r.Result.PaperValue, r.Result.PValue, r.Variant == Base ? "" : changes[r.Variant],
            r.Variant == Base ? "" : r.ChangesInputs ? "true" : "false"]).ToList());
    }

    /// <summary>
    /// "holds under 3 of 4 configs; tie under lime-fresh" for one claim, over the base and the variants that change its inputs;
    /// "no variant changes this claim's inputs" when none does; empty without variants.
    /// </summary>
    public static string Summary(IReadOnlyList<RobustnessRow> rows, string paper, string id)
    {
        var mine = rows.Where(r => r.Result.Paper == paper && r.Result.Id == id).ToList();
        if (mine.Count <= 1) return "";
        var moving = mine.Where(r => r.Variant == Base || r.ChangesInputs).ToList();
        if (moving.Count == 1) return "no variant changes this claim's inputs";
        var decided = moving.Where(r => r.Result.Decided).ToList();
        if (decided.Count == 0) return "not decided under any config";
        var groups = decided.GroupBy(r => r.Result.Verdict).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
        int n = decided.Count;
        string text = groups.Count == 1 ? $"{VerdictText.Of(groups[0].Key)} under all {n} configs that change its inputs"
            : $"{VerdictText.Of(groups[0].Key)} under {groups[0].Count()} of {n} configs that change its inputs; " +
              string.Join("; ", groups.Skip(1).Select(g => $"{VerdictText.Of(g.Key)} under {string.Join(", ", g.Select(r => r.Variant))}"));
        int undecided = moving.Count - n;
        return undecided > 0 ? text + $"; not decided under {undecided}" : text;
    }

    /// <summary>The robustness table of one paper for the PDF: one row per claim, one column per config ("=" where a variant does not change the claim's inputs).</summary>
    public static ReportTable Table(ReportData data, string paper, string title)
    {
        var rows = Rows(data).Where(r => r.Result.Paper == paper).ToList();
        var variants = new[] { Base }.Concat(data.Variants.Select(v => v.Name)).ToList();
        var claims = rows.Select(r => r.Result.Id).Distinct().ToList();
        string Cell(string id, string variant) => rows.FirstOrDefault(r => r.Result.Id == id && r.Variant == variant) is { } r
            ? r.Variant != Base && !r.ChangesInputs ? "=" : r.Result.Decided ? r.Result.VerdictText : "–"
            : "–";
        var table = claims.Select(id => (IReadOnlyList<string>)[id, .. variants.Select(v => Cell(id, v)), Summary(rows, paper, id)]).ToList();
        string legend = string.Join("; ", data.Variants.Select(v => $"{v.Name}: {string.Join(", ", v.Changes)} ({v.OwnUnits} unit(s) of its own)"));
        return new ReportTable(title, ["Claim", .. variants, "Summary"], table,
            $"Each column decides every claim again under one config: the base, then each robustness variant of the config's robustness block " +
            $"(a variant reruns only the units whose settings it changes and shares the rest). \"=\": the variant changes no unit the claim reads, " +
            $"so its verdict is the base's and the summary does not count it. {legend}. \"–\": not decided (not run). " +
            $"Each verdict's number and uncertainty are in claims_robustness.csv.");
    }

    /// <summary><paramref name="table"/> with a "Robustness" column (the summary of each row's claim), when the config has variants.</summary>
    public static ReportTable WithSummaries(ReportTable table, IReadOnlyList<string> ids, ReportData data, string paper)
    {
        if (data.Variants.Count == 0) return table;
        var rows = Rows(data);
        return table with
        {
            Headers = [.. table.Headers, "Robustness"],
            Rows = table.Rows.Select((row, i) => (IReadOnlyList<string>)[.. row, i < ids.Count ? Summary(rows, paper, ids[i]) : ""]).ToList(),
        };
    }
}
