namespace Agop.Report;

/// <summary>
/// Table 6 of Part 4 (faithfulness metrics and FEI, SPEC §11.5): computed once as data, then formatted for the PDF and Markdown.
/// Only the (dataset, method, seed) combinations that ran appear; a missing one is "—", never an error.
/// </summary>
public static class Part4Tables
{
    /// <summary>The method id of the random-order floor (<see cref="FaithTrack.RandomFloor"/>).</summary>
    public const string RandomOrder = "random_order";

    /// <summary>The FEI variants (SPEC §11.4): FEI (one-sided clipping), FEI-ext (no clipping), FEI-ins and FEI-del (one term only).</summary>
    public static readonly string[] FeiMethods = ["fei", "fei_ext", "fei_ins", "fei_del"];

    public const string Missing = "—";

    public static readonly string[] Table6Columns =
        ["dataset", "method", "insertion_mean", "insertion_std", "deletion_mean", "deletion_std", "ad_mean", "ap_mean"];

    public static readonly string[] Table6DetailColumns =
        ["dataset", "method", "seeds", "samples_mean", "insertion_mean", "insertion_std", "deletion_mean", "deletion_std",
         "pixel_flipping_mean", "pixel_flipping_std", "ad_mean", "ad_std", "ap_mean", "ap_std", "spurious_mean", "spurious_std"];

    /// <summary>A score by its name (insertion, deletion, pixel_flipping, ad, ap, spurious); NaN for an unknown one.</summary>
    public static double Metric(FaithScore score, string metric) => metric switch
    {
        "insertion" => score.Insertion,
        "deletion" => score.Deletion,
        "pixel_flipping" => score.PixelFlipping,
        "ad" => score.ActivationDeviation,
        "ap" => score.ActivationPreservation,
        "spurious" => score.SpuriousRate,
        _ => double.NaN,
    };

    /// <summary>The scores of <paramref name="method"/> (the floor's for <see cref="RandomOrder"/>) on <paramref name="dataset"/>.</summary>
    public static IEnumerable<FaithScore> Scores(FaithTrack track, string dataset, string method) =>
        (method == RandomOrder ? track.RandomFloor : track.Scores).Where(s => s.Dataset == dataset && s.Method == method);

    /// <summary>Each seed's value of <paramref name="metric"/> (a seed with several records is averaged first, NaN left out), in seed order.</summary>
    public static IReadOnlyList<double> PerSeed(FaithTrack track, string dataset, string method, string metric) =>
        Scores(track, dataset, method).GroupBy(s => s.Seed).OrderBy(g => g.Key)
            .Select(g => g.Select(s => Metric(s, metric)).Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average())
            .Where(v => !double.IsNaN(v)).ToList();

    /// <summary>Mean over seeds of <paramref name="metric"/>; NaN when that combination did not run.</summary>
    public static double Mean(FaithTrack track, string dataset, string method, string metric)
    {
        var values = PerSeed(track, dataset, method, metric);
        return values.Count == 0 ? double.NaN : values.Average();
    }

    /// <summary>Sample standard deviation over seeds of <paramref name="metric"/> (0 for one seed); NaN when it did not run.</summary>
    public static double Std(FaithTrack track, string dataset, string method, string metric)
    {
        var values = PerSeed(track, dataset, method, metric);
        return values.Count == 0 ? double.NaN : Agop.Statistics.SampleStatistics.StandardDeviation(values.ToList());
    }

    /// <summary>The datasets with at least one score: the track's order first, then any others the scores name.</summary>
    public static IReadOnlyList<string> Datasets(FaithTrack track) =>
        track.Datasets.Concat(track.Scores.Select(s => s.Dataset)).Concat(track.RandomFloor.Select(s => s.Dataset)).Distinct()
            .Where(d => track.Scores.Any(s => s.Dataset == d) || track.RandomFloor.Any(s => s.Dataset == d)).ToList();

    /// <summary>The methods in column order: the track's list first, then any others the scores name (never the floor).</summary>
    public static IReadOnlyList<string> Methods(FaithTrack track) =>
        track.Methods.Concat(track.Scores.Select(s => s.Method)).Where(m => m != RandomOrder).Distinct().ToList();

    /// <summary>The methods that have a score on <paramref name="dataset"/>, in column order.</summary>
    public static IReadOnlyList<string> MethodsOn(FaithTrack track, string dataset) =>
        Methods(track).Where(m => track.Scores.Any(s => s.Dataset == dataset && s.Method == m)).ToList();

    public static bool IsFei(string method) => FeiMethods.Contains(method);

    /// <summary>
    /// Table 6 with every metric (mean and std over seeds of the per-seed means): one row per (dataset, method) that ran, then the
    /// dataset's random-order floor (method <see cref="RandomOrder"/>) when it was recorded. Exported as <c>table6_detail.csv</c>.
    /// </summary>
    public static ResultTable Table6DetailData(FaithTrack track)
    {
        var rows = new List<IReadOnlyList<object>>();
        foreach (var dataset in Datasets(track))
        {
            var methods = MethodsOn(track, dataset).ToList();
            if (track.RandomFloor.Any(s => s.Dataset == dataset)) methods.Add(RandomOrder);
            foreach (var method in methods)
            {
                var scores = Scores(track, dataset, method).ToList();
                rows.Add([dataset, method, scores.Select(s => s.Seed).Distinct().Count(), scores.Average(s => (double)s.Samples),
                    Mean(track, dataset, method, "insertion"), Std(track, dataset, method, "insertion"),
                    Mean(track, dataset, method, "deletion"), Std(track, dataset, method, "deletion"),
                    Mean(track, dataset, method, "pixel_flipping"), Std(track, dataset, method, "pixel_flipping"),
                    Mean(track, dataset, method, "ad"), Std(track, dataset, method, "ad"),
                    Mean(track, dataset, method, "ap"), Std(track, dataset, method, "ap"),
                    Mean(track, dataset, method, "spurious"), Std(track, dataset, method, "spurious")]);
            }
        }
        return new ResultTable(Table6DetailColumns, rows);
    }

    /// <summary>Table 6 as data (exported as <c>table6.csv</c>): one row per (dataset, method) that ran; the floor is in the detail table only.</summary>
    public static ResultTable Table6Data(FaithTrack track)
    {
        var detail = Table6DetailData(track);
        return new ResultTable(detail.Columns, detail.Rows.Where(r => detail.Text(r, "method") != RandomOrder).ToList()).Select(Table6Columns);
    }

    /// <summary>
    /// The PDF's Table 6: rows = dataset × method (the random-order floor last in each dataset), columns = the metrics, cells mean ± std over seeds.
    /// <paramref name="stacked"/> runs each dataset's label down its rows, one line per row (the PDF); Markdown repeats it on every row.
    /// </summary>
    public static ReportTable Table6(FaithTrack track, MethodNames names, bool stacked = true)
    {
        var table = Table6DetailData(track);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in table.Rows.GroupBy(r => table.Text(r, "dataset")))
        {
            var members = group.ToList();
            var label = LabelLines(group.Key, members.Count);
            for (int i = 0; i < members.Count; i++)
            {
                var row = members[i];
                string method = table.Text(row, "method");
                rows.Add([stacked ? label[i] : group.Key, method == RandomOrder ? "Random order (floor)" : names.Display(method),
                    PlusMinus(table.Number(row, "insertion_mean"), table.Number(row, "insertion_std")),
                    PlusMinus(table.Number(row, "deletion_mean"), table.Number(row, "deletion_std")),
                    PlusMinus(table.Number(row, "ad_mean"), table.Number(row, "ad_std")),
                    PlusMinus(table.Number(row, "ap_mean"), table.Number(row, "ap_std")),
                    Format(table.Number(row, "pixel_flipping_mean"), "0.00"), Format(table.Number(row, "spurious_mean"))]);
            }
        }
        return new ReportTable("Table 6. Insertion/deletion AUC, AD and AP (mean ± std over seeds)",
            ["Dataset", "Method", "Insertion ↑", "Deletion ↓", "AD ↓", "AP ↑", stacked ? "PixelFlipping\n(Quantus)" : "PixelFlipping (Quantus)",
             stacked ? "Spurious\nrate" : "Spurious rate"], rows, Caption(track));
    }

    /// <summary>Table 6's caption: what each number is, how the curves are made, and every [choice] recorded.</summary>
    public static string Caption(FaithTrack track)
    {
        string rank = RankedByAbs(track) ? "by |a|, descending (faith.rank_by = abs)" : "by the signed attribution, descending, as RISE and Quantus (abs = False) do";
        return $"Seeds {string.Join(", ", track.Seeds)}: each seed's mean over its evaluated samples (correctly classified test samples; " +
               "for Adult/Credit the first faith.max_samples of them in index order), then the mean ± sample std over seeds (0 for one seed). " +
               "Insertion ↑ and Deletion ↓: RISE's AUC (Σᵢ sᵢ − s₀/2 − sₙ/2)/n over the n + 1 points of the curve, sᵢ = softmax probability " +
               "of the class the model predicts on the unperturbed input. Features are ranked " + rank + ", ties to the lower index; one " +
               "feature (tabular) or one pixel (8×8 images, all channels together) per step, so n = d. Substrates: images delete to 0 and " +
               "insert into RISE's blur of x (11×11 kernel, σ = 5, zero padding); tabular data delete to, and insert into, the training mean " +
               "(0 after standardisation, the replacement ROAR uses). PixelFlipping (Quantus, for comparison): the deletion curve to baseline 0 " +
               "with predictions taken after each step, summed by np.trapz with dx = 1: it lacks the unperturbed point s₀ and is not divided " +
               "by n, so PixelFlipping = n·Deletion − (s₀ + s₁)/2, on a scale of 0…n−1, not 0…1. AD ↓ (activation deviation: mean relative L2 " +
               "change of each hidden ReLU layer that is active on x; a layer silent on x is left out), AP ↑ (activation preservation: IoU of the active units) and the spurious-activation rate " +
               "(units above their original value by more than 0.1 × the sample's largest original activation) are averaged over the insertion path t = 0.1, …, 0.5 " +
               "(SPEC §11.3, a choice: the paper's formula is not available). Random order (floor): the same curves with a random feature " +
               $"order. {Missing}: not computed.\n" + ChoicesLine(track);
    }

    /// <summary>Whether the recorded choices rank features by |a| (faith.rank_by = abs); the default is the signed attribution.</summary>
    public static bool RankedByAbs(FaithTrack track) => Choice(track, "rank_by") is { } r && r.Contains("abs", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every [choice] the numbers depend on, as the pipeline recorded them.</summary>
    public static string ChoicesLine(FaithTrack track) =>
        "Choices: " + (track.Choices.Count == 0 ? "none recorded." : string.Join("; ", track.Choices.Select(c => $"{c.Key} = {c.Value}")) + ".");

    /// <summary>The value of the first recorded choice whose key contains <paramref name="key"/>; null when none does.</summary>
    public static string? Choice(FaithTrack track, string key) =>
        track.Choices.Where(c => c.Key.Contains(key, StringComparison.OrdinalIgnoreCase)).Select(c => c.Value).FirstOrDefault();

    /// <summary>A dataset's label cut into one piece per table row ("linear/white" → "linear/", "white"); the rest joins the last row.</summary>
    static string[] LabelLines(string dataset, int rows)
    {
        var pieces = new List<string>();
        foreach (var part in dataset.Split('/'))
        {
            var words = part.Split('_');
            for (int i = 0; i < words.Length; i++) pieces.Add(words[i] + (i < words.Length - 1 ? "_" : ""));
            pieces[^1] += "/";
        }
        pieces[^1] = pieces[^1].TrimEnd('/');
        // short pieces of one word stay together: "sparse" is one line, "translations_" and "rotations/" two
        var lines = new List<string>();
        foreach (var piece in pieces)
            if (lines.Count > 0 && lines[^1].Length + piece.Length <= 12 && !lines[^1].EndsWith('/')) lines[^1] += piece;
            else lines.Add(piece);
        var result = new string[Math.Max(1, rows)];
        for (int i = 0; i < result.Length; i++) result[i] = "";
        for (int i = 0; i < lines.Count; i++)
        {
            int slot = Math.Min(i, result.Length - 1);
            result[slot] = result[slot].Length == 0 ? lines[i] : result[slot] + "\n" + lines[i];
        }
        return result;
    }

    internal static string Format(double value, string format = "0.000") => double.IsNaN(value) ? Missing : value.ToString(format);

    internal static string PlusMinus(double mean, double std) =>
        double.IsNaN(mean) ? Missing : double.IsNaN(std) ? mean.ToString("0.000") : $"{mean:0.000} ± {std:0.000}";
}
