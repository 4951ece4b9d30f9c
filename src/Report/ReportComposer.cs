namespace Agop.Report;

/// <summary>Builds the report's sections, in reading order, from the gathered results.</summary>
public static class ReportComposer
{
    public static ReportDocument Compose(ReportData data)
    {
        var blocks = new List<ReportBlock>();
        ReproductionSummary.Add(data, blocks);
        Summary(data, blocks);
        Part1(data, blocks);
        Part2(data, blocks);
        Part3(data, blocks);
        Part4(data, blocks);
        PaperVersusOurs(data, blocks);
        Statistics(data, blocks);
        Methods(data, blocks);
        Provenance(data, blocks);
        var titleLines = new List<string>
        {
            $"Config: {data.ConfigName} ({data.ConfigPath})",
            $"Config hash: {data.ConfigHash}",
            $"Date: {data.Date:yyyy-MM-dd HH:mm} UTC",
            $"Report code version: {data.CodeVersion} (every unit's own code version is in its manifest)",
            $"Machine: {Env(data, "cpu")}, {Env(data, "logical_cores")} logical cores, {Env(data, "os")}",
            $"Device: {Env(data, "device")} (torch threads {Env(data, "torch_threads")}){Gpu(data)}",
        };
        return new ReportDocument(data.Title, titleLines, blocks);
    }

    static string Env(ReportData data, string key) => data.Environment.TryGetValue(key, out var v) ? v : "?";

    static string Gpu(ReportData data) => data.Environment.TryGetValue("gpu", out var gpu) && gpu != "none"
        ? $", GPU {gpu}, CUDA {Env(data, "cuda")}, driver {Env(data, "gpu_driver")}" : "";

    static void Summary(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Summary"));
        blocks.Add(new ParagraphBlock(
            $"This report reproduces Part 1 of the AGOP-IxG paper (synthetic benchmarks with per-sample ground truth) on " +
            $"{data.Datasets.Count} dataset(s) × {data.Seeds.Count} seed(s) × {data.Methods.Count} method(s)" +
            (data.Roar.Datasets.Count > 0 ? $", and Part 2 (ROAR) on {string.Join(" and ", data.Roar.Datasets)} × {data.Roar.Seeds.Count} seed(s) × {data.Roar.Methods.Count} method(s). " : ". ") +
            (data.Images is { } images ? $"Part 3 reproduces the image track of \"AGOP as Explanation\" on XAI-TRIS 8×8: {string.Join(", ", images.Scenarios)} × " +
                $"{string.Join(" and ", images.Backgrounds)} background(s) × {images.Seeds.Count} seed(s) × {images.Methods.Count} method(s). " : "") +
            (data.Faithfulness is { } faith ? Part4Summary(faith, data.Names) : "") +
            "Every number traces to a content-keyed artifact listed in the provenance appendix."));
        var bullets = new List<string>();
        foreach (var dataset in data.Datasets)
        {
            var byMethod = data.Methods
                .Select(m => (Method: m, Scores: data.Scores.Where(s => s.Dataset == dataset && s.Method == m).ToList()))
                .Where(x => x.Scores.Count > 0)
                .Select(x => (x.Method, Spearman: x.Scores.Average(s => s.Spearman), Noise: x.Scores.Average(s => s.NoiseMass)))
                .ToList();
            if (byMethod.Count == 0) continue;
            var bestSpearman = byMethod.MaxBy(x => x.Spearman);
            var bestNoise = byMethod.MinBy(x => x.Noise);
            bullets.Add($"{dataset}: highest Spearman {data.Names.Display(bestSpearman.Method)} ({bestSpearman.Spearman:0.000}); " +
                        $"lowest noise mass {data.Names.Display(bestNoise.Method)} ({bestNoise.Noise:0.000}).");
        }
        foreach (var group in Part2Tables.Aucs(data.Roar).GroupBy(a => a.Dataset))
        {
            var best = group.GroupBy(a => a.Method).Select(g => (Method: g.Key, Auc: g.Average(a => a.Auc))).MinBy(x => x.Auc);
            double baseline = data.Roar.Baselines.Where(b => b.Key.Dataset == group.Key).Average(b => b.Value);
            bullets.Add($"ROAR on {group.Key}: baseline accuracy {baseline:0.000}; most faithful ranking (lowest AUC) {data.Names.Display(best.Method)} ({best.Auc:0.0000}).");
        }
        if (data.Images is { } track)
        {
            foreach (var (scenario, background) in Part3Tables.Datasets(track))
            {
                var means = track.Methods.Select(m => (Method: m, MIoU: Part3Tables.Mean(track, scenario, background, m)))
                    .Where(x => !double.IsNaN(x.MIoU)).ToList();
                if (means.Count == 0) continue;
                var best = means.MaxBy(x => x.MIoU);
                double random = Part3Tables.Mean(track, scenario, background, "random");
                bullets.Add($"XAI-TRIS {scenario}/{background}: highest mIoU {data.Names.Display(best.Method)} ({best.MIoU:0.000})" +
                            (double.IsNaN(random) ? "." : $"; Random {random:0.000}."));
            }
            var claims = Claims.AllClaims.Of(data, Claims.AllClaims.AgopAsExplanation);
            if (claims.Count > 0)
                bullets.Add($"Part 3 claims of \"AGOP as Explanation\" (Table 4b, white background): {ReproductionSummary.Counts(claims)}.");
        }
        if (data.Faithfulness is { } faithfulness)
        {
            var claims = Claims.AllClaims.Of(data, Claims.AllClaims.BeyondOutputFaithfulness);
            bullets.Add($"Part 4 claims of \"Beyond Output Faithfulness\" (Table 6b; FEI is a reconstruction from the abstract): " +
                        $"{ReproductionSummary.Counts(claims)} ({string.Join(", ", claims.Select(c => $"{c.Id} {c.VerdictText}"))}).");
        }
        if (bullets.Count > 0) blocks.Add(new BulletsBlock(bullets));
        if (data.Reference is not null)
        {
            var verdicts = Claims.AllClaims.Of(data, Claims.AllClaims.AgopIxg);
            blocks.Add(new ParagraphBlock($"Of the AGOP-IxG paper's {verdicts.Count} claims: {ReproductionSummary.Counts(verdicts)} (the reproduction summary " +
                "after the title page gives each with its statistic and scale)."));
        }
    }

    static void Part1(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Part 1: synthetic benchmarks"));
        blocks.Add(new TableBlock(Part1Tables.Table1(data)));
        blocks.Add(new TableBlock(Part1Tables.Table2(data)));
        if (data.Figure1.Count > 0)
        {
            int columns = Math.Max(1, data.Figure1.Count / Math.Max(1, data.Datasets.Count));
            float ratio = 0.36f * (data.Figure1.Count + columns - 1) / columns;
            blocks.Add(new FigureBlock(Math.Min(ratio, 1.25f), BarPanels.Grid(data.Figure1, columns, "normalised |a|"),
                $"Figure 1. {data.Names.Display(data.ProposedMethod is { } p && data.Methods.Contains(p) ? p : data.Methods[0])} attributions of fixed test samples (first seed), bars sorted by magnitude; informative features in blue, " +
                "noise features in grey; the panel title gives the sample's Spearman correlation with the ground truth."));
        }
        blocks.Add(new TableBlock(Part1Tables.AgopTable(data)));
    }

    static void Part2(ReportData data, List<ReportBlock> blocks)
    {
        var roar = data.Roar;
        if (roar.Datasets.Count == 0) return;
        blocks.Add(new HeadingBlock(1, "Part 2: ROAR on real data"));
        blocks.Add(new ParagraphBlock("For each method the training set is attributed with the unmodified model, the normalised attributions are " +
            "averaged into a global ranking, the top ⌈t·d⌉ features are replaced by their training mean in train and test, and the model is " +
            "retrained from scratch. " + roar.Budget));
        if (Part2Tables.DataLine(roar) is { } dataLine) blocks.Add(new ParagraphBlock(dataLine));
        blocks.Add(new TableBlock(Part2Tables.Table3(roar, data.Names)));
        blocks.Add(new TableBlock(Part2Tables.Baselines(roar)));
        var panels = roar.Datasets.Select(dataset => new LinePanel(dataset,
            roar.Methods.Select(method =>
            {
                var byFraction = roar.Points.Where(p => p.Dataset == dataset && p.Method == method)
                    .GroupBy(p => p.Fraction).OrderBy(g => g.Key).ToList();
                double baseline = roar.Baselines.Where(b => b.Key.Dataset == dataset).Select(b => b.Value).DefaultIfEmpty(double.NaN).Average();
                return (data.Names.Display(method), byFraction.Select(g => g.Key).Prepend(0).ToArray(),
                    byFraction.Select(g => g.Average(p => p.Accuracy)).Prepend(baseline).ToArray());
            }).ToList(),
            roar.Baselines.Where(b => b.Key.Dataset == dataset).Select(b => b.Value).DefaultIfEmpty(double.NaN).Average(),
            "fraction of features removed", "test accuracy")).ToList();
        blocks.Add(new FigureBlock(0.62f, LinePanels.Row(panels),
            "Figure 2. ROAR: test accuracy (mean over seeds) against the fraction of features removed, one line per method; the dashed line is the unmodified model."));
    }

    static void Part3(ReportData data, List<ReportBlock> blocks)
    {
        if (data.Images is not { } track) return;
        blocks.Add(new HeadingBlock(1, "Part 3: images (AGOP as Explanation)"));
        blocks.Add(new ParagraphBlock(
            "The image track of \"AGOP as Explanation\" on XAI-TRIS 8×8 (braindatalab/xai-tris), generated offline: the same recipe as XT's, " +
            "statistically but not bit-for-bit the same data. " +
            $"Scenarios {string.Join(", ", track.Scenarios)}; backgrounds {string.Join(", ", track.Backgrounds)}; seeds {string.Join(", ", track.Seeds)} " +
            "(each seed its own dataset and model). One CNN8by8 (XT's model: four 2×2 convolutions down to a 2×2 map, 234 parameters) is trained per " +
            "(scenario, background, seed). Every method explains the predicted class; every metric is computed on |a| over the correctly classified " +
            "test images only. mIoU binarises a map to its top |G| pixels, ties to the lower row-major index, and scores IoU with the ground-truth " +
            "mask G; precision is XT's; the EMD score is 1 − EMD/√128, the normaliser of XT's code, with the √98 of XT's comment printed beside it. " +
            "Each [choice] the numbers depend on is listed under Table 4."));
        blocks.Add(new TableBlock(Part3Tables.Table4(track, data.Names)));
        blocks.Add(new TableBlock(Part3Tables.Table4Scores(track, data.Names)));
        blocks.Add(new TableBlock(Part3Tables.Table4Time(track, data.Names)));
        var imageClaims = Part3Claims.Check(track, data.Names).Select(c => c.Id).ToList();
        blocks.Add(new TableBlock(Claims.ClaimsRobustness.WithSummaries(Part3Claims.Table4b(track, data.Names), imageClaims, data, Claims.AllClaims.AgopAsExplanation)));
        if (Part3Claims.MaskLine(track, data.Names) is { } maskLine) blocks.Add(new ParagraphBlock(maskLine));
        if (data.Variants.Count > 0)
            blocks.Add(new TableBlock(Claims.ClaimsRobustness.Table(data, Claims.AllClaims.AgopAsExplanation,
                "Table 4c. Robustness: each claim of \"AGOP as Explanation\" under every variant")));
        blocks.Add(new TableBlock(Part3Tables.Table5(track)));
        blocks.Add(Part3Figures.Figure3(track, data.Names));
        blocks.Add(Part3Figures.Figure4(track));
        blocks.Add(Part3Figures.Figure5(track));
        if (Part3Figures.OnlineHookLine(track) is { } online) blocks.Add(new ParagraphBlock(online));
        if (track.ClevrXai.Length > 0) blocks.Add(new ParagraphBlock(track.ClevrXai));
    }

    static string Part4Summary(FaithTrack track, MethodNames names)
    {
        var methods = Part4Tables.Methods(track);
        var fei = methods.Where(Part4Tables.IsFei).ToList();
        return $"Part 4 measures external (insertion/deletion) and internal (activation deviation) faithfulness after \"Beyond Output " +
               $"Faithfulness\" on {Part4Tables.Datasets(track).Count} dataset(s) × {track.Seeds.Count} seed(s) × {methods.Count} method(s)" +
               (fei.Count > 0 ? $", with {string.Join(", ", fei.Select(names.Display))} (FEI: our reconstruction from the abstract). " : "; FEI did not run. ");
    }

    static void Part4(ReportData data, List<ReportBlock> blocks)
    {
        if (data.Faithfulness is not { } track) return;
        var methods = Part4Tables.Methods(track);
        bool fei = methods.Any(Part4Tables.IsFei);
        blocks.Add(new HeadingBlock(1, "Part 4: faithfulness (insertion/deletion, activation deviation) and FEI"));
        blocks.Add(new ParagraphBlock(
            "Part 4 checks \"Beyond Output Faithfulness\" (P002) on the models of the earlier parts: " +
            $"datasets {string.Join(", ", Part4Tables.Datasets(track))}; seeds {string.Join(", ", track.Seeds)}; methods " +
            $"{string.Join(", ", methods.Select(data.Names.Display))}. The paper's own setting (VGG-16 and ResNet-50 on ImageNet and " +
            "CUB-200-2011) needs downloads and pretrained weights and is not run. External faithfulness (SPEC §11.2): insertion and deletion " +
            "curves of the softmax probability of the originally predicted class, scored by RISE's normalised trapezoid AUC; features are " +
            $"ranked by {(Part4Tables.RankedByAbs(track) ? "|a|" : "the signed attribution")}, one feature or pixel per step; deletion replaces with 0 on images and with the training mean " +
            "on tabular data, insertion starts from RISE's blur (images) or the training mean (tabular); Quantus's PixelFlipping and a " +
            "random-order floor are printed beside them. Internal faithfulness (SPEC §11.3; a choice, as the paper's exact formula is not " +
            "available): the activation deviation AD (mean relative L2 change of every hidden ReLU layer when only the top t·d features are " +
            "inserted, t = 0.1…0.5), the activation preservation AP (IoU of the active units) and the spurious-activation rate. " +
            "FEI here is \"FEI (reconstruction)\": a reconstruction from the abstract (SPEC §11.4), a soft quantile mask optimised on an " +
            "ensemble of insertion/deletion points with gradients through over-active hidden units clipped; FEI-ext drops the clipping, " +
            "FEI-ins and FEI-del keep one term of the objective. The paper gives no numeric headline (the percentages of aggregator summaries " +
            "are not in the paper), so no number is compared: only its qualitative claims F1–F3 are checked (Table 6b)." +
            (fei ? "" : " FEI did not run in this configuration, so F1–F3 are \"not run\".") +
            " Each [choice] the numbers depend on is listed under Table 6."));
        blocks.Add(new TableBlock(Part4Tables.Table6(track, data.Names)));
        blocks.Add(new TableBlock(Claims.ClaimsRobustness.WithSummaries(Part4Claims.Table6b(track, data.Names), ["F1", "F2", "F3"], data,
            Claims.AllClaims.BeyondOutputFaithfulness)));
        if (data.Variants.Count > 0)
            blocks.Add(new TableBlock(Claims.ClaimsRobustness.Table(data, Claims.AllClaims.BeyondOutputFaithfulness,
                "Table 6c. Robustness: each claim of \"Beyond Output Faithfulness\" under every variant")));
        blocks.AddRange(Part4Figures.Figure6(track, data.Names));
        blocks.Add(Part4Figures.Figure7(track, data.Names));
    }

    static void PaperVersusOurs(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Paper versus reproduction"));
        if (data.Reference is not { } reference)
        {
            blocks.Add(new ParagraphBlock("No reference file with the paper's numbers was found; nothing to compare."));
            return;
        }
        blocks.Add(new TableBlock(PaperComparison.Table(reference, data)));
        blocks.Add(new HeadingBlock(2, "The paper's claims, checked against our numbers"));
        var claims = Claims.AllClaims.Of(data, Claims.AllClaims.AgopIxg);
        blocks.Add(new TableBlock(Claims.ClaimsRobustness.WithSummaries(new ReportTable("Claims", ["Claim", "Verdict", "Evidence", "Statistic"],
            claims.Select(v => (IReadOnlyList<string>)[$"{v.Id}: {v.Claim}", v.VerdictText, v.Ours, v.Uncertainty]).ToList(),
            "Verdicts (SPEC §14): holds (the paper's direction beyond the stated uncertainty), tie (within noise, as the paper's own " +
            "\"near-tie\"), not detected (a one-sided effect not told from its null), contradicted (the other way beyond the uncertainty), " +
            "not run. Each claim's reading, tolerance and its reason are data: configs/reference/agop-ixg-paper.yaml."),
            claims.Select(c => c.Id).ToList(), data, Claims.AllClaims.AgopIxg)));
        if (data.Variants.Count > 0)
            blocks.Add(new TableBlock(Claims.ClaimsRobustness.Table(data, Claims.AllClaims.AgopIxg,
                "Claims robustness. Each claim of the AGOP-IxG paper under every variant")));
    }

    static void Statistics(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Statistics"));
        string proposed = data.ProposedMethod is { } id ? data.Names.Display(id) : "the proposed method";
        blocks.Add(new ParagraphBlock($"Paired two-sided Wilcoxon signed-rank tests of {proposed} against every other method on per-sample " +
            "Spearman correlation, pairing the same test sample of the same seed (normal approximation with tie correction, zero " +
            $"differences dropped). Positive mean difference: {proposed} higher."));
        blocks.Add(new TableBlock(new ReportTable("Paired tests on per-sample Spearman", ["Dataset", $"{proposed} vs", "Pairs", "Mean diff.", "z", "p"],
            data.PairedTests.Select(t => (IReadOnlyList<string>)[t.Dataset, data.Names.Display(t.Other), t.Pairs.ToString(),
                t.MeanDifference.ToString("+0.000;-0.000"), t.Z.ToString("0.00"), t.PValue == 0 ? "< 1e-15" : t.PValue < 1e-4 ? t.PValue.ToString("0.0e0") : t.PValue.ToString("0.0000")]).ToList())));
        blocks.Add(new TableBlock(Part1Tables.ConfidenceTable(data)));
    }

    static void Methods(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Methods and parameters"));
        blocks.Add(new BulletsBlock(
        [
            .. data.MethodInfo.Where(m => data.Methods.Contains(m.Id) || data.Roar.Methods.Contains(m.Id) || (data.Images?.Methods.Contains(m.Id) ?? false) ||
                (data.Faithfulness?.Methods.Contains(m.Id) ?? false)).Select(m => $"{m.Display}: {m.Summary}."),
            "Every attribution is normalised as |a| / Σ|a| before scoring; metrics use correctly classified test samples only.",
        ]));
        blocks.Add(new TableBlock(new ReportTable("Configuration as run", ["Key", "Value", "Source"],
            data.Parameters.Select(p => (IReadOnlyList<string>)[p.Key, p.Value, p.Source]).ToList())));
    }

    static string PeakRss(UnitRecord unit) => unit.PeakRssMb is not { } mb ? "n/a" : (unit.ProcessPeak ? "≤" : "") + mb.ToString("0.0");

    static void Provenance(ReportData data, List<ReportBlock> blocks)
    {
        blocks.Add(new HeadingBlock(1, "Appendix: provenance"));
        blocks.Add(new ParagraphBlock($"Config file {data.ConfigPath}, hash {data.ConfigHash}. " +
            "Every unit is content-keyed (the full list is work-units.csv); 'Built' is when its artifact was made (units built just before this report were computed by the same run). " +
            "The environment lists what the units' manifests recorded (distinct values joined by ' | '); 'Built by' names the Slurm job " +
            "(array_task) that built a unit under --executor slurm, else 'local'. 'Peak RSS' is the unit's peak resident memory in MiB " +
            "(Linux VmHWM, reset when the unit started); '≤' marks the building process's peak, an upper bound, where the unit shared its " +
            "process with other running units or the mark could not be reset; 'n/a' where none was recorded."));
        blocks.Add(new TableBlock(new ReportTable("Environment", ["Fact", "Value"],
            data.Environment.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]).ToList())));
        blocks.Add(new TableBlock(new ReportTable("Work units by stage", ["Stage", "Units", "Unit-seconds", "Slowest unit (s)", "Peak RSS (MiB)"],
            UnitStages.Summarise(data.Units).Select(g => (IReadOnlyList<string>)[g.Stage, g.Units.ToString("N0"), g.Seconds.ToString("N0"),
                g.Slowest.Seconds.ToString("0.0"), g.PeakRssMb is { } mb ? mb.ToString("0") : "n/a"]).ToList(),
            $"{data.Units.Count:N0} units in all; each unit's id, key, build time, seconds, peak memory and builder are in work-units.csv.")));
        blocks.Add(new TableBlock(new ReportTable("Slowest units", ["Unit", "Key", "Built (UTC)", "Seconds", "Peak RSS (MiB)", "Built by"],
            data.Units.OrderByDescending(u => u.Seconds).Take(UnitStages.SlowestShown).Select(u => (IReadOnlyList<string>)[u.Id, u.Key[..16],
                u.BuiltUtc.ToString("yyyy-MM-dd HH:mm:ss"), u.Seconds.ToString("0.00"), PeakRss(u), u.BuiltBy]).ToList())));
        blocks.Add(new HeadingBlock(2, "Config file as run"));
        blocks.Add(new CodeBlock(data.ConfigText.Length == 0 ? "(empty: all defaults)" : data.ConfigText));
    }
}
