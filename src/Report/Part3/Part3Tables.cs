namespace Agop.Report;

/// <summary>
/// Tables 4 and 5 of Part 3 (the image track, SPEC §10.6): computed once as data, then formatted for the PDF and Markdown.
/// Only the (scenario, background, method, seed) combinations that ran appear; a missing one is "n/a", never an error.
/// </summary>
public static class Part3Tables
{
    public static readonly string[] Table4Columns =
        ["scenario", "background", "method", "miou_mean", "miou_std", "precision_mean", "emd_mean", "time_s_mean"];

    public static readonly string[] Table4DetailColumns =
        ["scenario", "background", "method", "seeds", "samples_mean", "miou_mean", "miou_std", "miou_own_mean", "precision_mean", "precision_std",
         "emd_mean", "emd_std", "emd98_mean", "relevance_mass_mean", "rank_accuracy_mean", "seconds_mean", "time_s_mean"];

    public static readonly string[] Table5Columns =
        ["scenario", "background", "seed", "accuracy", "confidence", "epochs_run", "epoch_kept", "train_seconds", "below_gate"];

    /// <summary>Size of the ground-truth mask the mIoU uses (SPEC §10.2): the sample's 4 pixels for translations_rotations, else the 8-pixel combined mask.</summary>
    /// <summary>
    /// The ground-truth mask size k of a metric on a scenario, as the evaluation units scored it: miou_own is always the sample's own
    /// 4 pixels; miou is the combined 8-pixel mask unless the scenario has none or the units ran with <c>image.miou.mask: own</c>
    /// (<see cref="ImageTrack.OwnMaskHeadline"/>, read from the EvaluateImage units' manifests).
    /// </summary>
    public static int MaskSize(ImageTrack track, string scenario, string metric = "miou") =>
        metric == "miou_own" || scenario == "translations_rotations" || track.OwnMaskHeadline ? 4 : 8;

    /// <summary>A score by its name in the reference file (miou, miou_own, precision, emd, emd98, relevance_mass, rank_accuracy, time_s); NaN for an unknown one.</summary>
    public static double Metric(ImageScore score, string metric) => metric switch
    {
        "miou" => score.MIoU,
        "miou_own" => score.MIoUOwn,
        "precision" => score.Precision,
        "emd" => score.Emd,
        "emd98" => score.Emd98,
        "relevance_mass" => score.RelevanceMass,
        "rank_accuracy" => score.RankAccuracy,
        "time_s" => score.SecondsPer1000,
        _ => double.NaN,
    };

    /// <summary>Each seed's value of <paramref name="metric"/> (a seed with several records is averaged first), in seed order.</summary>
    public static IReadOnlyList<double> PerSeed(ImageTrack track, string scenario, string background, string method, string metric) =>
        track.Scores.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method)
            .GroupBy(s => s.Seed).OrderBy(g => g.Key).Select(g => g.Average(s => Metric(s, metric))).ToList();

    /// <summary>Mean over seeds of <paramref name="metric"/>; NaN when that combination did not run.</summary>
    public static double Mean(ImageTrack track, string scenario, string background, string method, string metric = "miou")
    {
        var values = PerSeed(track, scenario, background, method, metric);
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>The (scenario, background) pairs that have at least one score, in the track's order.</summary>
    public static IReadOnlyList<(string Scenario, string Background)> Datasets(ImageTrack track) =>
        (from scenario in track.Scenarios
         from background in track.Backgrounds
         where track.Scores.Any(s => s.Scenario == scenario && s.Background == background)
         select (scenario, background)).ToList();

    /// <summary>Table 4 with every metric the scores carry (mean and std over seeds of the per-seed values).</summary>
    public static ResultTable Table4DetailData(ImageTrack track)
    {
        var rows = new List<IReadOnlyList<object>>();
        foreach (var scenario in track.Scenarios)
            foreach (var background in track.Backgrounds)
                foreach (var method in track.Methods)
                {
                    var scores = track.Scores.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method).ToList();
                    if (scores.Count == 0) continue;
                    IReadOnlyList<double> Of(string metric) => PerSeed(track, scenario, background, method, metric);
                    rows.Add([scenario, background, method, scores.Select(s => s.Seed).Distinct().Count(), scores.Average(s => (double)s.Samples),
                        Of("miou").Average(), Std(Of("miou")), Of("miou_own").Average(), Of("precision").Average(), Std(Of("precision")),
                        Of("emd").Average(), Std(Of("emd")), Of("emd98").Average(), Of("relevance_mass").Average(), Of("rank_accuracy").Average(),
                        scores.Average(s => s.Seconds), Of("time_s").Average()]);
                }
        return new ResultTable(Table4DetailColumns, rows);
    }

    /// <summary>Table 4 as data (exported as <c>table4.csv</c>): one row per (scenario, background, method) that has scores.</summary>
    public static ResultTable Table4Data(ImageTrack track) => Table4DetailData(track).Select(Table4Columns);

    /// <summary>Table 5 as data: one row per trained model; a model under the accuracy gate is flagged, never dropped.</summary>
    public static ResultTable Table5Data(ImageTrack track) => new(Table5Columns,
        track.Models.OrderBy(m => Order(track.Scenarios, m.Scenario)).ThenBy(m => Order(track.Backgrounds, m.Background)).ThenBy(m => m.Seed)
            .Select(m => (IReadOnlyList<object>)[m.Scenario, m.Background, m.Seed, m.Accuracy, m.Confidence, m.EpochsRun, m.EpochKept, m.TrainSeconds,
                BelowGate(track, m)]).ToList());

    public static bool BelowGate(ImageTrack track, ImageModelQuality model) => !(model.Accuracy >= track.AccuracyGate);

    /// <summary>
    /// The PDF's Table 4: rows = scenario × background, columns = methods, cells = mIoU mean ± std; analytic chance beside Random.
    /// <paramref name="stacked"/> puts the ± std under the mean (the PDF, where eight such columns do not fit on one line); Markdown keeps one line.
    /// </summary>
    public static ReportTable Table4(ImageTrack track, MethodNames names, bool stacked = true)
    {
        var table = Table4DetailData(track);
        var rows = Datasets(track).Select(d =>
        {
            var cells = new List<string> { DatasetLabel(d.Scenario, d.Background, stacked) };
            foreach (var method in track.Methods)
            {
                var row = Find(table, d.Scenario, d.Background, method);
                cells.Add(row is null ? "n/a" : PlusMinus(table.Number(row, "miou_mean"), table.Number(row, "miou_std"), stacked ? "\n" : " "));
            }
            cells.Add(Chance(track, d.Scenario));
            return (IReadOnlyList<string>)cells;
        }).ToList();
        return new ReportTable("Table 4. Localisation on XAI-TRIS 8×8: mIoU (mean ± std over seeds; higher is better)",
            ["Dataset", .. track.Methods.Select(names.Display), stacked ? "Chance\nE[IoU]" : "Chance E[IoU]"], rows,
            $"Correctly classified test images only; seeds {string.Join(", ", track.Seeds)}. mIoU: each map's |a| is binarised to its top |G| pixels " +
            "(ties to the lower row-major index) and scored by IoU with the ground-truth mask G (the 8-pixel combined mask; the sample's own 4 pixels " +
            "for translations_rotations).\n" + ChanceLine(track) + "\n" + ChoicesLine(track));
    }

    /// <summary>Table 4's second block: precision (XT) and the EMD score with both normalisers, mean over seeds.</summary>
    /// <remarks><paramref name="stacked"/>: the PDF runs each dataset's label down its three metric rows; Markdown repeats "scenario / background".</remarks>
    public static ReportTable Table4Scores(ImageTrack track, MethodNames names, bool stacked = true)
    {
        var table = Table4DetailData(track);
        var metrics = new (string Column, string Label)[] { ("precision_mean", "Precision"), ("emd_mean", "EMD (√128)"), ("emd98_mean", "EMD (√98)") };
        // the dataset's label runs down its three metric rows, one line per row
        var rows = (from d in Datasets(track)
                    let label = DatasetLabel(d.Scenario, d.Background, stacked: true).Split('\n')
                    from m in Enumerable.Range(0, metrics.Length)
                    let part = m < metrics.Length - 1 || label.Length <= metrics.Length ? (m < label.Length ? label[m] : "") : string.Join("\n", label[m..])
                    select (IReadOnlyList<string>)[stacked ? part : DatasetLabel(d.Scenario, d.Background, stacked: false), metrics[m].Label,
                        .. track.Methods.Select(method => Find(table, d.Scenario, d.Background, method) is { } row ? Format(table.Number(row, metrics[m].Column)) : "n/a")]).ToList();
        return new ReportTable("Table 4 (precision and EMD). Mean over seeds; higher is better",
            ["Dataset", "Metric", .. track.Methods.Select(names.Display)], rows,
            "Precision [XT]: share of the mask among the top |G| pixels, drawn from the pixels with a ≠ 0. EMD score [XT]: 1 − EMD(Ĝ, Â) / D with " +
            "Ĝ = G/ΣG, Â = |a|/Σ|a| over the 64 pixel centres and Euclidean ground cost; D = √128 = 11.314 as XT's code divides " +
            "(the reported score), and D = √98 = 9.899 as XT's comment says (printed for comparison).");
    }

    /// <summary>Table 4's time block: attribution seconds per 1,000 test images; the AGOP fit time on its own line.</summary>
    public static ReportTable Table4Time(ImageTrack track, MethodNames names)
    {
        var table = Table4DetailData(track);
        var rows = Datasets(track).Select(d => (IReadOnlyList<string>)[d.Scenario, d.Background,
            .. track.Methods.Select(method => Find(table, d.Scenario, d.Background, method) is { } row ? Seconds(table.Number(row, "time_s_mean")) : "n/a")]).ToList();
        return new ReportTable("Table 4 (time). Attribution time per 1,000 test images (seconds, mean over seeds)",
            ["Scenario", "Background", .. track.Methods.Select(names.Display)], rows,
            "Wall-clock seconds of each attribution unit scaled to 1,000 images, other units possibly running alongside. AGOP-Global's time is " +
            "the read of the stored diag(M); computing diag(M) is its fit, below.\n" + FitLine(track));
    }

    /// <summary>The PDF's Table 5: one row per model, with the accuracy gate's flag.</summary>
    public static ReportTable Table5(ImageTrack track)
    {
        var table = Table5Data(track);
        var flagged = table.Rows.Where(r => (bool)table[r, "below_gate"]).ToList();
        return new ReportTable("Table 5. CNN8by8 models: test accuracy, confidence and training",
            ["Scenario", "Background", "Seed", "Test accuracy", "Mean confidence", "Epochs run", "Epoch kept", "Train (s)", "Gate"],
            table.Rows.Select(r => (IReadOnlyList<string>)[table.Text(r, "scenario"), table.Text(r, "background"), table.Text(r, "seed"),
                Format(table.Number(r, "accuracy")), Format(table.Number(r, "confidence")), table.Text(r, "epochs_run"), table.Text(r, "epoch_kept"),
                table.Number(r, "train_seconds").ToString("0.0"), (bool)table[r, "below_gate"] ? $"{FlagMark} below {track.AccuracyGate:0.00}" : "ok"]).ToList(),
            $"Gate: a model with test accuracy below {track.AccuracyGate:0.00} is flagged ({FlagMark}) and kept in every table and figure, never dropped; " +
            (flagged.Count == 0 ? $"no model is below it ({table.Rows.Count} models)."
                : $"{flagged.Count} of {table.Rows.Count} models are below it: " +
                  string.Join(", ", flagged.Select(r => $"{table.Text(r, "scenario")}/{table.Text(r, "background")} seed {table.Text(r, "seed")} ({table.Number(r, "accuracy"):0.000})")) + ".") +
            " Mean confidence: softmax probability of the predicted class. Epoch kept: the epoch of the lowest validation loss (ties to the later epoch).");
    }

    public const string FlagMark = "⚠";

    /// <summary>The analytic chance level(s) beside Random's measured mIoU, per dataset that ran.</summary>
    public static string ChanceLine(ImageTrack track)
    {
        string chance = track.ChanceIoU.Count == 0 ? "not given"
            : string.Join(", ", track.ChanceIoU.OrderByDescending(c => c.Key).Select(c => $"k = {c.Key}: {c.Value:0.0000}"));
        var random = Datasets(track).Select(d => (d, Value: Mean(track, d.Scenario, d.Background, "random"))).Where(x => !double.IsNaN(x.Value)).ToList();
        return $"Chance level (analytic E[IoU] of a random top-k map on 64 pixels): {chance}. Random's measured mIoU: " +
               (random.Count == 0 ? "Random was not run." : string.Join(", ", random.Select(x => $"{x.d.Scenario}/{x.d.Background} {x.Value:0.0000} (k = {MaskSize(track, x.d.Scenario)})")) + ".");
    }

    /// <summary>Every [choice] the numbers depend on, as the pipeline recorded them.</summary>
    public static string ChoicesLine(ImageTrack track) =>
        "Choices: " + (track.Choices.Count == 0 ? "none recorded." : string.Join("; ", track.Choices.Select(c => $"{c.Key} = {c.Value}")) + ".");

    /// <summary>The AGOP fit time (diag(M) over the training set) per dataset, mean over seeds.</summary>
    public static string FitLine(ImageTrack track)
    {
        var fits = (from scenario in track.Scenarios
                    from background in track.Backgrounds
                    let traces = track.Traces.Where(t => t.Scenario == scenario && t.Background == background).ToList()
                    where traces.Count > 0
                    select $"{scenario}/{background} {traces.Average(t => t.FitSeconds):0.000} s").ToList();
        return "AGOP fit time (diag(M) over the training set, per model, mean over seeds): " + (fits.Count == 0 ? "not recorded." : string.Join(", ", fits) + ".");
    }

    /// <summary>A row label naming scenario and background: one line ("linear / white"), or stacked for a narrow PDF column.</summary>
    static string DatasetLabel(string scenario, string background, bool stacked) =>
        stacked ? scenario.Replace("_", "_\n") + "\n" + background : $"{scenario} / {background}";

    static string Chance(ImageTrack track, string scenario) =>
        track.ChanceIoU.TryGetValue(MaskSize(track, scenario), out double chance) ? chance.ToString("0.0000") : "n/a";

    static IReadOnlyList<object>? Find(ResultTable table, string scenario, string background, string method) =>
        table.Rows.FirstOrDefault(r => table.Text(r, "scenario") == scenario && table.Text(r, "background") == background && table.Text(r, "method") == method);

    static int Order(IReadOnlyList<string> list, string item)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return list.Count;
    }

    static double Std(IReadOnlyList<double> values) => Agop.Statistics.SampleStatistics.StandardDeviation(values.ToList());

    internal static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000");

    internal static string Seconds(double value) => double.IsNaN(value) ? "n/a" : value >= 100 ? value.ToString("0") : value >= 1 ? value.ToString("0.00") : value.ToString("0.0000");

    static string PlusMinus(double mean, double std, string separator = " ") => double.IsNaN(mean) ? "n/a" : $"{mean:0.000}{separator}± {std:0.000}";
}
