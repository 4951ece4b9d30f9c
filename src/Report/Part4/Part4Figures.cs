namespace Agop.Report;

/// <summary>One point of Figure 7: a method's mean insertion AUC and activation deviation over seeds on one dataset.</summary>
public sealed record TradeOffPoint(string Dataset, string Method, double Insertion, double ActivationDeviation);

/// <summary>Figures 6 and 7 of Part 4 (SPEC §11.5). A figure whose data is absent becomes a one-line note, never an error.</summary>
public static class Part4Figures
{
    /// <summary>Datasets per Figure 6 block (two per row, insertion and deletion side by side); more datasets continue in another block.</summary>
    public const int DatasetsPerFigure = 6;

    static readonly string[] Palette =
        ["#1f77b4", "#2ca02c", "#9467bd", "#17becf", "#bcbd22", "#393b79", "#637939", "#7b4173", "#6baed6", "#31a354", "#756bb1", "#636363", "#9c9ede"];

    /// <summary>A method's colour, the same in Figures 6 and 7: fixed ones for the FEI variants, grey for Random and the floor, the palette for the rest.</summary>
    public static string Colour(FaithTrack track, string method)
    {
        switch (method)
        {
            case "fei": return "#d62728";
            case "fei_ext": return "#ff7f0e";
            case "fei_ins": return "#e377c2";
            case "fei_del": return "#8c564b";
            case "random": return "#b0b0b0";
            case Part4Tables.RandomOrder: return "#7f7f7f";
        }
        var others = Part4Tables.Methods(track).Where(m => !Part4Tables.IsFei(m) && m != "random").ToList();
        int index = others.IndexOf(method);
        return Palette[(index < 0 ? others.Count : index) % Palette.Length];
    }

    static string Label(MethodNames names, string method) => method == Part4Tables.RandomOrder ? "random order (floor)" : names.Display(method);

    /// <summary>The (dataset, method) curves in table order: the methods first, the random-order floor last; curves with no points are left out.</summary>
    public static IReadOnlyList<FaithCurve> Curves(FaithTrack track, string dataset)
    {
        var order = Part4Tables.Methods(track).Append(Part4Tables.RandomOrder)
            .Concat(track.Curves.Where(c => c.Dataset == dataset).Select(c => c.Method)).Distinct().ToList();
        return order.Select(m => track.Curves.FirstOrDefault(c => c.Dataset == dataset && c.Method == m))
            .OfType<FaithCurve>().Where(c => c.Insertion.Length > 0 || c.Deletion.Length > 0).ToList();
    }

    /// <summary>x = i/n for a curve of n + 1 points (a single point sits at 0).</summary>
    public static double[] Fractions(int points) => Enumerable.Range(0, points).Select(i => points <= 1 ? 0.0 : i / (double)(points - 1)).ToArray();

    /// <summary>Figure 6: one block per <see cref="DatasetsPerFigure"/> datasets, each dataset's insertion and deletion curves side by side.</summary>
    public static IReadOnlyList<ReportBlock> Figure6(FaithTrack track, MethodNames names)
    {
        var datasets = Part4Tables.Datasets(track).Concat(track.Curves.Select(c => c.Dataset)).Distinct().Where(d => Curves(track, d).Count > 0).ToList();
        if (datasets.Count == 0) return [new ParagraphBlock("Figure 6 (insertion and deletion curves): no curve was recorded in this run.")];
        var blocks = new List<ReportBlock>();
        var chunks = datasets.Chunk(DatasetsPerFigure).ToList();
        for (int c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var panels = new List<CurvePanel>();
            var methods = new List<string>();
            foreach (var dataset in chunk)
            {
                var curves = Curves(track, dataset);
                methods.AddRange(curves.Select(x => x.Method));
                panels.Add(Panel(track, names, dataset, curves, insertion: true));
                panels.Add(Panel(track, names, dataset, curves, insertion: false));
            }
            var legend = Legend(track, names, methods.Distinct().ToList(), lines: true);
            int columns = chunk.Length == 1 ? 2 : 4;
            string caption = c == 0
                ? "Figure 6. Mean insertion (left of each pair; higher is better) and deletion (right; lower is better) curves per dataset: the " +
                  "softmax probability of the originally predicted class against the fraction of features inserted or deleted in the " +
                  "attribution's order (the protocol of Table 6), averaged over samples and seeds, one line per method; FEI and FEI-ext are " +
                  "drawn thicker, the random-order floor dashed." + (chunks.Count > 1 ? $" The datasets fill {chunks.Count} blocks of at most {DatasetsPerFigure}; this one shows {string.Join(", ", chunk)}." : "")
                : $"Figure 6 (continued, {c + 1} of {chunks.Count}): {string.Join(", ", chunk)}.";
            blocks.Add(new FigureBlock(FaithPanels.GridAspectRatio(panels.Count, columns, legend), FaithPanels.CurveGrid(panels, columns, legend), caption));
        }
        return blocks;
    }

    static CurvePanel Panel(FaithTrack track, MethodNames names, string dataset, IReadOnlyList<FaithCurve> curves, bool insertion) =>
        new($"{dataset} · {(insertion ? "insertion" : "deletion")}",
            curves.Select(c =>
            {
                var y = insertion ? c.Insertion : c.Deletion;
                return new CurveSeries(Label(names, c.Method), Fractions(y.Length), y, Colour(track, c.Method), Width(c.Method), c.Method == Part4Tables.RandomOrder);
            }).ToList(),
            insertion ? "fraction inserted" : "fraction deleted", "p(class)");

    static float Width(string method) => method is "fei" or "fei_ext" ? 2.2f : 1.1f;

    static IReadOnlyList<LegendEntry> Legend(FaithTrack track, MethodNames names, IReadOnlyList<string> methods, bool lines)
    {
        var order = Part4Tables.Methods(track).Append(Part4Tables.RandomOrder).Where(methods.Contains).Concat(methods).Distinct();
        return order.Select(m => lines
            ? new LegendEntry(Label(names, m), Colour(track, m), m == Part4Tables.RandomOrder ? LegendMark.Dashed : LegendMark.Line, Width(m))
            : new LegendEntry(Label(names, m), Colour(track, m), Mark(m), Size(m))).ToList();
    }

    static LegendMark Mark(string method) => method switch { "fei" => LegendMark.Diamond, "fei_ext" => LegendMark.Triangle, _ => LegendMark.Circle };

    static float Size(string method) => method is "fei" or "fei_ext" ? 11 : 5;

    /// <summary>Figure 7's points: every (method, dataset) with a mean insertion AUC and a mean AD over seeds, in table order.</summary>
    public static IReadOnlyList<TradeOffPoint> Figure7Points(FaithTrack track) =>
        (from dataset in Part4Tables.Datasets(track)
         from method in Part4Tables.MethodsOn(track, dataset)
         let point = new TradeOffPoint(dataset, method, Part4Tables.Mean(track, dataset, method, "insertion"), Part4Tables.Mean(track, dataset, method, "ad"))
         where !double.IsNaN(point.Insertion) && !double.IsNaN(point.ActivationDeviation)
         select point).ToList();

    /// <summary>Figure 7: activation deviation against insertion AUC, one point per (method, dataset); FEI and FEI-ext larger, joined per dataset.</summary>
    public static ReportBlock Figure7(FaithTrack track, MethodNames names)
    {
        var points = Figure7Points(track);
        if (points.Count == 0) return new ParagraphBlock("Figure 7 (activation deviation against insertion AUC): no method has both numbers in this run.");
        var links = points.Where(p => p.Method == "fei").Select(fei => (Fei: fei, Ext: points.FirstOrDefault(p => p.Method == "fei_ext" && p.Dataset == fei.Dataset)))
            .Where(x => x.Ext is not null).Select(x => (x.Ext!.Insertion, x.Ext.ActivationDeviation, x.Fei.Insertion, x.Fei.ActivationDeviation)).ToList();
        var legend = Legend(track, names, points.Select(p => p.Method).Distinct().ToList(), lines: false);
        var drawn = points.Select(p => new ScatterPoint(Label(names, p.Method), p.Insertion, p.ActivationDeviation, Colour(track, p.Method), Mark(p.Method), Size(p.Method))).ToList();
        int datasets = points.Select(p => p.Dataset).Distinct().Count();
        return new FigureBlock(FaithPanels.ScatterAspectRatio(legend), FaithPanels.Scatter(drawn, links, legend,
                "insertion AUC (higher is better)", "activation deviation AD (lower is better)"),
            $"Figure 7. External against internal faithfulness: activation deviation (AD, lower is better) against insertion AUC (higher is " +
            $"better), one point per method and dataset ({datasets} dataset(s), mean over seeds, the numbers of Table 6). A method that reaches a " +
            "high insertion AUC through internal pathways other than the model's own sits right and high (F3); FEI (diamonds) and FEI-ext " +
            "(triangles) are drawn large" + (links.Count > 0 ? ", and a grey line joins them on each dataset: clipping should move FEI down at a similar x (F2)." : "."));
    }
}
