using Agop.Statistics.Localisation;

namespace Agop.Report;

/// <summary>One scenario's diag(M) quality curve over training (H7), mean over seeds at each tracked epoch, with its trend statistics.</summary>
public sealed record EpochTrend(string Scenario, string Background, int Seeds, double[] Epochs, double[] Pearson, double[] IoU8, double[] ValAccuracy)
{
    public double PearsonTau => Tau(Pearson);
    public double PearsonShareUp => ShareUp(Pearson);
    public double IoUTau => Tau(IoU8);
    public double IoUShareUp => ShareUp(IoU8);
    public bool HasIoU => IoU8.Any(v => !double.IsNaN(v));

    /// <summary>Kendall's τ-b between epoch and quality over the epochs where the quality is defined.</summary>
    double Tau(double[] quality)
    {
        var defined = Enumerable.Range(0, quality.Length).Where(i => !double.IsNaN(quality[i])).ToList();
        return Trend.KendallTauB(defined.Select(i => Epochs[i]).ToList(), defined.Select(i => quality[i]).ToList());
    }

    static double ShareUp(double[] quality) => Trend.ShareOfIncreases(quality.Where(v => !double.IsNaN(v)).ToList());
}

/// <summary>Figures 3–5 of Part 3 (SPEC §10.6). A figure whose data is absent becomes a one-line note, never an error.</summary>
public static class Part3Figures
{
    /// <summary>Rows of Figure 3 at most; beyond it, one test image per scenario.</summary>
    public const int MaxFigure3Rows = 8;

    /// <summary>The background a figure shows: white when it is there, else the first one that is.</summary>
    public static string? Background(ImageTrack track, IEnumerable<string> available)
    {
        var present = available.Distinct().ToList();
        if (present.Contains(Part3Claims.DefaultBackground)) return Part3Claims.DefaultBackground;
        return track.Backgrounds.FirstOrDefault(present.Contains) ?? present.FirstOrDefault();
    }

    /// <summary>Figure 3's rows: per scenario (in order) the first test index of each class, or only the first index when that makes too many rows.</summary>
    public static IReadOnlyList<(string Scenario, int TestIndex, int Label)> Figure3Rows(ImageTrack track, string background)
    {
        var scenarios = track.Scenarios.Concat(track.Figure3.Select(m => m.Scenario)).Distinct().ToList();
        var perScenario = scenarios.Select(scenario => track.Figure3.Where(m => m.Scenario == scenario && m.Background == background)
            .Select(m => (m.TestIndex, m.Label)).Distinct().ToList()).ToList();
        var byClass = scenarios.Zip(perScenario, (s, maps) => maps.GroupBy(m => m.Label).OrderBy(g => g.Key)
            .Select(g => (Scenario: s, g.First().TestIndex, Label: g.Key))).SelectMany(x => x).ToList();
        if (byClass.Count <= MaxFigure3Rows) return byClass;
        return scenarios.Zip(perScenario, (s, maps) => maps.Count == 0 ? [] : new[] { (Scenario: s, maps[0].TestIndex, maps[0].Label) })
            .SelectMany(x => x).Take(MaxFigure3Rows).ToList();
    }

    public static ReportBlock Figure3(ImageTrack track, MethodNames names)
    {
        string? background = Background(track, track.Figure3.Select(m => m.Background));
        if (background is null) return new ParagraphBlock("Figure 3 (attribution maps): no maps were recorded in this run.");
        var rows = Figure3Rows(track, background);
        var columns = new List<string> { "input", "mask" };
        columns.AddRange(track.Methods);
        var headers = columns.Select(c => c switch { "input" => "Input", "mask" => "Mask G", _ => names.Display(c) }).ToList();
        var grid = rows.Select(row => new HeatmapRow($"{row.Scenario.Replace('_', ' ')} · test {row.TestIndex} · class {row.Label}",
            columns.Select(column => track.Figure3.FirstOrDefault(m => m.Scenario == row.Scenario && m.Background == background &&
                m.TestIndex == row.TestIndex && m.Column == column) is { } map ? new Heatmap(map.Size, map.Values) : null).ToList())).ToList();
        return new FigureBlock(HeatmapPanels.AspectRatio(headers.Count, grid.Count), HeatmapPanels.Grid(headers, grid),
            $"Figure 3. Attribution maps of fixed test images ({background} background), one row per scenario and test image (the first image of each " +
            "class, or of each scenario when that would make more than eight rows). A map with negative values (the input, signed gradients, Random) " +
            "uses a blue–white–red colormap centred on 0 and scaled by its max |v|; a non-negative map (the mask, |gradient|, AGOP-Global, GradCAM) " +
            "a white-to-dark-red colormap scaled by its maximum; n/a: map not recorded.");
    }

    /// <summary>The H7 curves: one per scenario on <paramref name="background"/>, mean over the seeds traced at each epoch.</summary>
    public static IReadOnlyList<EpochTrend> EpochTrends(ImageTrack track, string background) =>
        track.Scenarios.Concat(track.Traces.Select(t => t.Scenario)).Distinct().Select(scenario =>
        {
            var traces = track.Traces.Where(t => t.Scenario == scenario && t.Background == background && t.Epochs.Count > 0).ToList();
            var epochs = traces.SelectMany(t => t.Epochs).GroupBy(e => e.Epoch).OrderBy(g => g.Key).ToList();
            double[] Mean(Func<AgopEpoch, double> pick) => epochs.Select(g =>
            {
                var values = g.Select(pick).Where(v => !double.IsNaN(v)).ToList();
                return values.Count == 0 ? double.NaN : values.Average();
            }).ToArray();
            return new EpochTrend(scenario, background, traces.Count, epochs.Select(g => (double)g.Key).ToArray(),
                Mean(e => e.Pearson), Mean(e => e.IoU8), Mean(e => e.ValAccuracy));
        }).Where(t => t.Seeds > 0).ToList();

    public static ReportBlock Figure4(ImageTrack track)
    {
        string? background = Background(track, track.Traces.Where(t => t.Epochs.Count > 0).Select(t => t.Background));
        if (background is null) return new ParagraphBlock("Figure 4 (diag(M) quality over training, H7): no AGOP trace was recorded in this run.");
        var trends = EpochTrends(track, background);
        var panels = trends.Select(t => new EpochPanel(t.Scenario,
            [("Pearson(diag M, F)", t.Epochs, t.Pearson), .. t.HasIoU ? new[] { ("IoU@8(diag M, G)", t.Epochs, t.IoU8) } : [],
             ("val. accuracy", t.Epochs, t.ValAccuracy)], "epoch", "value")).ToList();
        string statistics = string.Join("; ", trends.Select(t =>
            $"{t.Scenario}: Pearson τ = {Tau(t.PearsonTau)}, {Share(t.PearsonShareUp)} of steps up" +
            (t.HasIoU ? $", IoU@8 τ = {Tau(t.IoUTau)}, {Share(t.IoUShareUp)} up" : "") + $" ({t.Epochs.Length} epochs, {t.Seeds} seed(s))"));
        var claim = track.Reference?.Claims.FirstOrDefault(c => c.Kind == "trend");
        return new FigureBlock(EpochPanels.AspectRatio(panels.Count), EpochPanels.Grid(panels),
            $"Figure 4. diag(M) quality against training epoch (H7), {background} background, mean over seeds at each tracked epoch: Pearson " +
            "correlation of diag(M) with the ground-truth frequency F, IoU of its top 8 pixels with the combined mask G (not for " +
            "translations_rotations, whose masks move), and validation accuracy. \"Monotone\" as numbers, on the curves shown: Kendall's τ-b " +
            $"between epoch and quality, and the share of consecutive increases. {statistics}." +
            (claim is null ? "" : $" Paper ({claim.Id}): \"{claim.Text}\" ({claim.Paper}; no verdict is drawn)."));
    }

    public static ReportBlock Figure5(ImageTrack track)
    {
        if (track.Figure5.Count == 0) return new ParagraphBlock("Figure 5 (diag(M) next to F): no AGOP map was recorded in this run.");
        var scenarios = track.Scenarios.Concat(track.Figure5.Select(m => m.Scenario)).Distinct().Where(s => track.Figure5.Any(m => m.Scenario == s)).ToList();
        var backgrounds = track.Backgrounds.Concat(track.Figure5.Select(m => m.Background)).Distinct().Where(b => track.Figure5.Any(m => m.Background == b)).ToList();
        var headers = new List<string> { "F (ground truth)" };
        headers.AddRange(backgrounds.Select(b => $"diag(M), {b}"));
        var rows = scenarios.Select(scenario =>
        {
            var maps = track.Figure5.Where(m => m.Scenario == scenario).ToList();
            var first = maps[0];
            var cells = new List<Heatmap?> { new(first.Size, first.Frequency) };
            cells.AddRange(backgrounds.Select(b => maps.FirstOrDefault(m => m.Background == b) is { } map ? new Heatmap(map.Size, map.DiagM) : null));
            return new HeatmapRow(scenario.Replace('_', ' '), cells);
        }).ToList();
        return new FigureBlock(HeatmapPanels.AspectRatio(headers.Count, rows.Count), HeatmapPanels.Grid(headers, rows),
            "Figure 5. The AGOP-Global map diag(M) (first seed, selected weights) next to the ground-truth frequency F = mean over training " +
            "images of the mask G_i, per scenario; each map is scaled to its own maximum (white = 0).");
    }

    /// <summary>The online hook's agreement with the exact diag(M), per dataset; null when no trace used the online hook.</summary>
    public static string? OnlineHookLine(ImageTrack track)
    {
        var online = (from scenario in track.Scenarios
                      from background in track.Backgrounds
                      let values = track.Traces.Where(t => t.Scenario == scenario && t.Background == background && t.OnlineCorrelation is not null)
                          .Select(t => t.OnlineCorrelation!.Value).ToList()
                      where values.Count > 0
                      select $"{scenario}/{background} {values.Average():0.000} ({values.Count} seed(s))").ToList();
        return online.Count == 0 ? null
            : "Online AGOP hook: Pearson correlation between the diag(M) accumulated during training (weights mixed within each epoch) and the exact " +
              $"diag(M) of the selected weights, mean over seeds: {string.Join(", ", online)}.";
    }

    static string Tau(double tau) => double.IsNaN(tau) ? "n/a" : tau.ToString("0.00");
    static string Share(double share) => double.IsNaN(share) ? "n/a" : $"{share * 100:0} %";
}
