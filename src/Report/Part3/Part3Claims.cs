namespace Agop.Report;

/// <summary>
/// Table 4b: the claims of the paper's reference file (<c>configs/reference/agop-as-explanation-paper.yaml</c>) decided from
/// our numbers alone. Every check reads mean mIoU over seeds on one background (white unless the claim names one); a claim
/// whose data did not run is "not run", never an error. Trend claims (H7) are shown by Figure 4 and skipped here.
/// </summary>
public static class Part3Claims
{
    public const string DefaultBackground = "white";
    public static readonly string[] Table4bColumns = ["id", "claim", "background", "mask", "paper", "ours", "value", "uncertainty", "p_value", "verdict"];

    /// <summary>The claims of <see cref="ImageTrack.Reference"/> (none without one), in the file's order, trend claims left out.</summary>
    public static IReadOnlyList<Claims.ClaimResult> Check(ImageTrack track, MethodNames names) =>
        track.Reference is { } reference ? Check(reference, track, names) : [];

    /// <summary>The claims of <paramref name="reference"/> decided by the <see cref="Claims.ClaimEngine"/>, trend claims left out.</summary>
    public static IReadOnlyList<Claims.ClaimResult> Check(PaperReference reference, ImageTrack track, MethodNames names) =>
        Claims.ClaimEngine.Decide(Claims.AllClaims.AgopAsExplanation, reference, new Claims.ClaimContext(names, Images: track))
            .Where(r => r.Source.Kind != "trend").ToList();

    static string BackgroundOf(Claims.ClaimResult r) => r.Source.Kind == "offline" ? "" : Claims.Kinds.ImageClaimInputs.Background(r.Source);

    /// <summary>Table 4b as data (exported as <c>table4b.csv</c>).</summary>
    public static ResultTable Table4bData(ImageTrack track, MethodNames names) => new(Table4bColumns,
        Check(track, names).Select(v => (IReadOnlyList<object>)[v.Id, v.Claim, BackgroundOf(v), MaskOf(track, v.Id), v.PaperValue, v.Ours, v.Value, v.Uncertainty,
            v.PValue, v.VerdictText]).ToList());

    /// <summary>Which ground-truth mask a claim's IoU reads: "own" for miou_own, else the scenario's (combined) mask.</summary>
    static string MaskOf(ImageTrack track, string id) =>
        track.Reference?.Claims.FirstOrDefault(c => c.Id == id) is { } claim && claim.Kind != "offline" && claim.Metric is "miou" or "miou_own" or ""
            ? claim.Metric == "miou_own" ? "own" : "scenario" : "";

    public static ReportTable Table4b(ImageTrack track, MethodNames names)
    {
        var table = Table4bData(track, names);
        string reference = track.Reference is { } r && r.Paper.Length > 0 ? r.Paper : "no reference file";
        return new ReportTable("Table 4b. The paper's image claims against our numbers (white background)",
            ["Claim", "Paper", "Ours", "Verdict"],
            table.Rows.Select(row => (IReadOnlyList<string>)[$"{table.Text(row, "id")}: {table.Text(row, "claim")}", table.Text(row, "paper"),
                $"{table.Text(row, "ours")} ({table.Text(row, "uncertainty")})", table.Text(row, "verdict")]).ToList(),
            $"Reference: {reference}. The abstract does not say which background H1–H3 refer to; every check reads the white background " +
            "(XAI-TRIS's primary setting, SPEC §10.1), mean mIoU over seeds. Ratio claims count as reproduced when ours points the paper's way " +
            "(AGOP ahead of IG) beyond a 95 % interval over seed resamples; the paper's magnitude stands beside ours. H3 and H3-own are one-sided " +
            "against the analytic chance level E[IoU] of the mask they read (k = 8: 0.0705, k = 4: 0.0366); H8 (beats) reads per-image paired " +
            "differences (matched by seed and index, seeds pooled) with a 95 % interval. Verdicts: holds, tie (the paper's direction within noise), " +
            "not detected (a one-sided effect not told from its null), contradicted, not run. H2 and H3 read the scenario's combined mask, " +
            "H2-own and H3-own each sample's own tetromino. \"not run\": the scenario or method the claim needs was not in this run. " +
            "H7 (diag(M) improves during training) is shown by Figure 4.");
    }

    /// <summary>
    /// The mask question of H2/H3 in words, from the data: the paper does not say which mask it scored, and where each method's
    /// top pixels land decides how much the choice matters. Null when no combined-mask scenario ran on the white background.
    /// </summary>
    public static string? MaskLine(ImageTrack track, MethodNames names)
    {
        var scenario = track.Landings.Any(l => l.Scenario == "multiplicative") ? "multiplicative" : track.Landings.FirstOrDefault()?.Scenario;
        if (scenario is null) return null;
        var shown = track.Landings.Where(l => l.Scenario == scenario && l.Method is "ig" or "agop_global" or "agop_weighted" or "random").ToList();
        if (shown.Count == 0) shown = track.Landings.Where(l => l.Scenario == scenario).ToList();
        return "The paper does not say which ground-truth mask H2 and H3 are scored against, so both are shown: the combined mask of the " +
               "scenario (H2, H3) and each sample's own tetromino (H2-own, H3-own). Where each method's top pixels land decides how much " +
               $"that choice matters; on {scenario}/{DefaultBackground} (correct test images, seeds pooled): " +
               string.Join("; ", shown.Select(l => $"{Name(names, l.Method)} {l.Own:P0} on the sample's own tetromino, {l.OtherClass:P0} on the " +
                                                   $"other class's location, {l.Elsewhere:P0} elsewhere")) + ".";
    }

    static string Name(MethodNames names, string method) => names.Display(method);
}
