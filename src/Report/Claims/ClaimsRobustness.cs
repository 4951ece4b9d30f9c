namespace Agop.Report.Claims;

/// <summary>One claim under one config: the base ("base") or a robustness variant.</summary>
public sealed record RobustnessRow(string Variant, ClaimResult Result);

/// <summary>
/// Each paper claim's verdict under the base config and every robustness variant (<see cref="ReportData.Variants"/>), and a
/// one-line summary per claim. Exported as <c>claims_robustness.csv</c>; Tables 4b, 6b and Part 1's claims table print the summary.
/// </summary>
public static class ClaimsRobustness
{
    public const string Base = "base";
    public static readonly string[] Columns = ["paper", "claim", "variant", "ours", "paper_value", "verdict", "p_value", "changes"];

    /// <summary>Each config's claims, decided once per <see cref="ReportData"/> (the CSV, the tables and the summary columns all read them).</summary>
    public static IReadOnlyList<RobustnessRow> Rows(ReportData data) => Decided.GetValue(data, Decide);

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReportData, IReadOnlyList<RobustnessRow>> Decided = new();

    static IReadOnlyList<RobustnessRow> Decide(ReportData data)
    {
        var rows = AllClaims.Decide(data).Select(r => new RobustnessRow(Base, r)).ToList();
        foreach (var variant in data.Variants)
            rows.AddRange(AllClaims.Decide(variant.Data).Select(r => new RobustnessRow(variant.Name, r)));
        // claim by claim, base first, variants in config order
        var order = rows.Select(r => (r.Result.Paper, r.Result.Id)).Distinct().Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        return rows.OrderBy(r => order[(r.Result.Paper, r.Result.Id)]).ToList();
    }

    public static ResultTable Data(ReportData data)
    {
        var changes = data.Variants.ToDictionary(v => v.Name, v => string.Join("; ", v.Changes));
        return new ResultTable(Columns, Rows(data).Select(r => (IReadOnlyList<object>)[r.Result.Paper, r.Result.Id, r.Variant, r.Result.Ours,
            r.Result.PaperValue, r.Result.Verdict, r.Result.PValue, r.Variant == Base ? "" : changes[r.Variant]]).ToList());
    }

    /// <summary>"holds under 5 of 7 configs; fails under own-mask, single-softmax" for one claim; empty without variants.</summary>
    public static string Summary(IReadOnlyList<RobustnessRow> rows, string paper, string id)
    {
        var mine = rows.Where(r => r.Result.Paper == paper && r.Result.Id == id).ToList();
        if (mine.Count <= 1) return "";
        var decided = mine.Where(r => r.Result.Holds is not null).ToList();
        if (decided.Count == 0) return "not decided under any config";
        var holds = decided.Where(r => r.Result.Holds == true).Select(r => r.Variant).ToList();
        var fails = decided.Where(r => r.Result.Holds == false).Select(r => r.Variant).ToList();
        int n = decided.Count;
        string text = fails.Count == 0 ? $"holds under all {n} configs"
            : holds.Count == 0 ? $"fails under all {n} configs"
            : fails.Count <= holds.Count ? $"holds under {holds.Count} of {n}; fails under {string.Join(", ", fails)}"
            : $"holds under {holds.Count} of {n}: only {string.Join(", ", holds)}";
        int undecided = mine.Count - n;
        return undecided > 0 ? text + $"; not decided under {undecided}" : text;
    }

    /// <summary>The robustness table of one paper for the PDF: one row per claim, one column per config.</summary>
    public static ReportTable Table(ReportData data, string paper, string title)
    {
        var rows = Rows(data).Where(r => r.Result.Paper == paper).ToList();
        var variants = new[] { Base }.Concat(data.Variants.Select(v => v.Name)).ToList();
        var claims = rows.Select(r => r.Result.Id).Distinct().ToList();
        string Cell(string id, string variant) => rows.FirstOrDefault(r => r.Result.Id == id && r.Variant == variant)?.Result is { } r
            ? r.Holds switch { true => "holds", false => "fails", null => "–" } + (double.IsNaN(r.PValue) ? "" : $" ({Part4Claims.P(r.PValue)})")
            : "–";
        var table = claims.Select(id => (IReadOnlyList<string>)[id, .. variants.Select(v => Cell(id, v)), Summary(rows, paper, id)]).ToList();
        string legend = string.Join("; ", data.Variants.Select(v => $"{v.Name}: {string.Join(", ", v.Changes)} ({v.OwnUnits} unit(s) of its own)"));
        return new ReportTable(title, ["Claim", .. variants, "Summary"], table,
            $"Each column decides every claim again under one config: the base, then each robustness variant of the config's robustness block " +
            $"(a variant reruns only the units whose settings it changes and shares the rest). {legend}. \"–\": not decided (not run). " +
            $"Each verdict's number is in claims_robustness.csv.");
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
