using System.Globalization;
using Agop.Report;
using Agop.Tests.Support;

namespace Agop.Tests.Report;

/// <summary>Part 4 of the report (faithfulness metrics and FEI) from a synthetic <see cref="FaithTrack"/> with known numbers.</summary>
public class Part4ReportTests
{
    static readonly string[] Methods = ["ig", "vanilla_grad", "fei", "fei_ext"];
    static readonly string[] Datasets = ["linear", "linear/white"];

    static readonly MethodInfo[] Catalog =
    [
        new("ig", "IG", "integrated gradients"), new("vanilla_grad", "VanillaGrad", "saliency"), new("shap", "SHAP", "DeepSHAP"),
        new("fei", "FEI (reconstruction)", "faithfulness-guided ensemble"), new("fei_ext", "FEI-ext", "no clipping"),
    ];

    static readonly MethodNames Names = new(Catalog);

    /// <summary>Seed 0's numbers per method (insertion, deletion, AD, AP, spurious); seed 1 adds 0.1 to the insertion and 0.02 to the AD.</summary>
    static readonly Dictionary<string, (double Ins, double Del, double Ad, double Ap, double Spurious)> Base = new()
    {
        ["ig"] = (0.60, 0.30, 0.30, 0.80, 0.05),
        ["vanilla_grad"] = (0.50, 0.35, 0.25, 0.85, 0.04),
        ["shap"] = (0.55, 0.32, 0.28, 0.82, 0.03),
        ["fei"] = (0.80, 0.10, 0.20, 0.90, 0.01),
        ["fei_ext"] = (0.78, 0.12, 0.50, 0.60, 0.10),
        ["random_order"] = (0.30, 0.40, 0.60, 0.50, 0.20),
    };

    static FaithScore Score(string dataset, int seed, string method)
    {
        var b = Base[method];
        double shift = dataset == "linear" ? 0 : 0.01; // the image dataset differs a little
        return new FaithScore(dataset, seed, method, 5 - seed, b.Ins + 0.1 * seed + shift, b.Del + shift, 64 * b.Del - 0.5, b.Ad + 0.02 * seed, b.Ap, b.Spurious);
    }

    /// <summary>Samples per (dataset, seed): 3 for seed 0, 2 for seed 1, so 10 (dataset, seed, index) pairs in all.</summary>
    static IEnumerable<FaithSample> Samples(IReadOnlyList<string> methods) =>
        from dataset in Datasets
        from seed in new[] { 0, 1 }
        from index in Enumerable.Range(0, seed == 0 ? 3 : 2)
        from method in methods
        let b = Base[method]
        select new FaithSample(dataset, seed, method, 10 + index, (float)(b.Ins + 0.01 * index), (float)b.Del, (float)(b.Ad - 0.01 * index),
            (float)(b.Spurious + 0.001 * index));

    static FaithCurve Curve(string dataset, string method, int points)
    {
        var b = Base[method];
        return new FaithCurve(dataset, method,
            Enumerable.Range(0, points).Select(i => 0.1 + (b.Ins + 0.1) * i / (points - 1)).ToArray(),
            Enumerable.Range(0, points).Select(i => 0.9 - (0.9 - b.Del / 2) * i / (points - 1)).ToArray());
    }

    static FaithTrack Track(IReadOnlyList<string>? methods = null, IReadOnlyList<string>? datasets = null)
    {
        var run = methods ?? Methods;
        var sets = datasets ?? Datasets;
        return new FaithTrack(sets, run, [0, 1],
            (from d in sets from seed in new[] { 0, 1 } from m in run select Score(d, seed, m)).ToList(),
            (from d in sets from seed in new[] { 0, 1 } select Score(d, seed, "random_order")).ToList(),
            Samples(run).Where(s => sets.Contains(s.Dataset)).ToList(),
            (from d in sets from m in run.Append("random_order") select Curve(d, m, d == "linear" ? 21 : 65)).ToList(),
            [("faith.rank_by", "signed"), ("faith.max_samples", "1000"), ("fei.steps", "300"), ("fei.clip", "one_sided")]) { Reference = Reference };
    }

    static readonly PaperReference Reference =
        PaperReference.Load(Path.Combine(Agop.Tests.Support.RepoRoot.Find(), "configs", "reference", "beyond-output-faithfulness-paper.yaml"));

    static ReportData Data(FaithTrack? faith) => new ReportData(
        "Part 4 test", "c", "c.yaml", "h", "", DateTimeOffset.UnixEpoch, "commit", new Dictionary<string, string>(),
        ["linear"], ["agop_ixg"], [new MethodInfo("agop_ixg", "AGOP-IxG", ""), .. Catalog], "agop_ixg",
        [0], [new MethodScore("linear", 0, "agop_ixg", 10, 0.7, 0.9, 0.1, 0.01)], [new ModelQuality("linear", 0, 0.9, 0.8, 0.85, 0.6)], [], [],
        new RoarSummary([], [], [], [], new Dictionary<(string, int), double>(), ""), null, [], [], []) { Faithfulness = faith };

    [Fact]
    public void Table6_data_has_the_exact_columns_and_the_mean_and_std_over_seeds()
    {
        var table = Part4Tables.Table6Data(Track());
        Assert.Equal(["dataset", "method", "insertion_mean", "insertion_std", "deletion_mean", "deletion_std", "ad_mean", "ap_mean"], table.Columns);
        Assert.Equal(2 * 4, table.Rows.Count); // the random-order floor is in the detail table only
        Assert.Equal(Methods, table.Rows.Take(4).Select(r => table.Text(r, "method")));
        var row = table.Rows.Single(r => table.Text(r, "dataset") == "linear" && table.Text(r, "method") == "fei");
        Assert.Equal(0.85, table.Number(row, "insertion_mean"), 12);          // (0.80, 0.90)
        Assert.Equal(Math.Sqrt(0.005), table.Number(row, "insertion_std"), 12); // √((0.05² + 0.05²) / 1)
        Assert.Equal(0.10, table.Number(row, "deletion_mean"), 12);
        Assert.Equal(0.0, table.Number(row, "deletion_std"), 12);
        Assert.Equal(0.21, table.Number(row, "ad_mean"), 12);                  // (0.20, 0.22)
        Assert.Equal(0.90, table.Number(row, "ap_mean"), 12);
        var image = table.Rows.Single(r => table.Text(r, "dataset") == "linear/white" && table.Text(r, "method") == "ig");
        Assert.Equal(0.66, table.Number(image, "insertion_mean"), 12);

        var detail = Part4Tables.Table6DetailData(Track());
        Assert.Equal(2 * 5, detail.Rows.Count);
        var floor = detail.Rows.Single(r => detail.Text(r, "dataset") == "linear" && detail.Text(r, "method") == Part4Tables.RandomOrder);
        Assert.Equal(0.35, detail.Number(floor, "insertion_mean"), 12);
        Assert.Equal(64 * 0.40 - 0.5, detail.Number(floor, "pixel_flipping_mean"), 12);
        Assert.Equal(0.20, detail.Number(floor, "spurious_mean"), 12);
        var fei = detail.Rows.Single(r => detail.Text(r, "dataset") == "linear" && detail.Text(r, "method") == "fei");
        Assert.Equal(4.5, detail.Number(fei, "samples_mean"), 12); // 5 and 4 samples
        Assert.Equal(2, Convert.ToInt32(detail[fei, "seeds"]));
    }

    [Fact]
    public void Table6_for_the_pdf_fits_a_portrait_page_and_shows_missing_values_as_a_dash()
    {
        var track = Track();
        var withNaN = track with { Scores = track.Scores.Select(s => s.Method == "ig" && s.Dataset == "linear" ? s with { ActivationDeviation = double.NaN } : s).ToList() };
        var pdf = Part4Tables.Table6(withNaN, Names);
        Assert.Equal(8, pdf.Headers.Count);
        Assert.Equal(2 * 5, pdf.Rows.Count);
        Assert.Equal(["linear", "IG", "0.650 ± 0.071", "0.300 ± 0.000", "—", "0.800 ± 0.000", "18.70", "0.050"], pdf.Rows[0]);
        Assert.Equal("Random order (floor)", pdf.Rows[4][1]);
        Assert.Equal(["linear/", "white", "", "", ""], pdf.Rows.Skip(5).Select(r => r[0])); // the label runs down the dataset's rows
        var markdown = Part4Tables.Table6(track, Names, stacked: false);
        Assert.All(markdown.Rows.Skip(5), r => Assert.Equal("linear/white", r[0]));
        Assert.NotNull(pdf.Caption);
        foreach (var expected in new[] { "PixelFlipping = n·Deletion − (s₀ + s₁)/2", "by the signed attribution", "RISE's blur", "training mean",
                     "Choices: faith.rank_by = signed; faith.max_samples = 1000; fei.steps = 300; fei.clip = one_sided." })
            Assert.Contains(expected, pdf.Caption);
        Assert.True(ReportFonts.Regular.ContainsGlyphs("↑↓±—·₀₁"), "the report font draws the table's symbols");
    }

    [Fact]
    public void Sign_test_is_exact_binomial_up_to_1000_pairs_and_normal_above()
    {
        Assert.Equal(2 * Math.Pow(0.5, 10), SignTest.TwoSided(10, 0), 15);
        Assert.Equal(2 * Math.Pow(0.5, 10), SignTest.TwoSided(0, 10), 15);
        Assert.Equal(112 / 1024.0, SignTest.TwoSided(2, 8), 14); // 2·(1 + 10 + 45)/2¹⁰
        Assert.Equal(1.0, SignTest.TwoSided(5, 5));
        Assert.Equal(1.0, SignTest.TwoSided(0, 0));
        Assert.Equal(0.0017305360849763176, SignTest.TwoSided(450, 550), 12); // exact at n = 1000
        // n = 1101: normal approximation with continuity correction, within 3 % of the exact 2.3932e-5
        double p = SignTest.TwoSided(480, 621);
        Assert.Equal(2.4512567937406663e-05, p, 9);
        Assert.InRange(p / 2.393244113100154e-05, 0.97, 1.03);
        var counts = SignTest.Test([-1, -2, 0, 3, double.NaN]);
        Assert.Equal((2, 1, 1, 3), (counts.Below, counts.Above, counts.Zero, counts.N));
    }

    [Fact]
    public void F2_pairs_the_samples_of_fei_and_fei_ext_and_applies_the_sign_test()
    {
        var verdict = Part4Claims.F2(Track(), Names);
        // 10 (dataset, seed, index) pairs, every FEI AD below FEI-ext's by 0.30: p = 2·0.5¹⁰
        Assert.Equal(2 * Math.Pow(0.5, 10), verdict.PValue, 15);
        Assert.Equal(-0.30, verdict.Value, 6);
        Assert.Equal("holds", verdict.VerdictText);
        Assert.Contains("AD lower in 10 of 10 non-zero pairs", verdict.Ours);
        Assert.Contains("mean Δinsertion +0.020", verdict.Ours);
        Assert.Contains("mean Δdeletion -0.020", verdict.Ours);
        var paired = Part4Claims.Paired(Track(), "fei", "fei_ext");
        Assert.Equal(10, paired.Pairs);

        // FEI-ext far better on insertion: lower AD, but not at a similar insertion
        var track = Track();
        var worse = track with { Samples = track.Samples.Select(s => s.Method == "fei" ? s with { Insertion = s.Insertion - 0.2f } : s).ToList() };
        var notSimilar = Part4Claims.F2(worse, Names);
        Assert.Equal("contradicted", notSimilar.VerdictText);
        Assert.Contains("not similar", notSimilar.Ours);
        // half the pairs the other way: not significant
        var mixed = track with
        {
            Samples = track.Samples.Select(s => s.Method == "fei" && s.Seed == 1 ? s with { ActivationDeviation = 0.9f } : s).ToList(),
        };
        var split = Part4Claims.F2(mixed, Names);
        Assert.Equal(SignTest.TwoSided(6, 4), split.PValue, 15);
        Assert.Equal("not detected", split.VerdictText);
    }

    [Fact]
    public void F1_pairs_on_feis_samples_and_F3_reads_the_spurious_rate_at_matched_insertion()
    {
        var verdicts = Part4Claims.Check(Track(), Names).ToDictionary(v => v.Id);
        Assert.Equal(["F1", "F2", "F3"], verdicts.Keys);
        Assert.Equal("holds", verdicts["F1"].VerdictText);
        Assert.Contains("holds on 2 of 2 dataset(s)", verdicts["F1"].Ours);
        Assert.Equal(1.0, verdicts["F1"].Value, 12);
        // F3: FEI-ext − FEI raises the spurious rate by 0.09 where insertion (−0.02) and deletion (+0.02) are matched within 0.05
        Assert.Equal("holds", verdicts["F3"].VerdictText);
        Assert.Contains("raised on 2 of 2 dataset(s)", verdicts["F3"].Ours);
        Assert.Contains("linear Δspurious +0.0900", verdicts["F3"].Ours);

        // IG beats FEI on insertion on one dataset's samples: F1 contradicted there, holds on the other
        var track = Track();
        var rival = track with { Samples = track.Samples.Select(s => s.Method == "ig" && s.Dataset == "linear" ? s with { Insertion = 0.95f } : s).ToList() };
        var f1 = Part4Claims.F1(rival, Names);
        Assert.Equal("contradicted", f1.VerdictText);
        Assert.Contains("holds on 1 of 2 dataset(s)", f1.Ours);
        Assert.Contains("linear contradicted (insertion vs IG", f1.Ours);
        Assert.Equal(0.5, f1.Value, 12);
        // a rival that only scored other samples is not compared (paired on FEI's samples)
        var elsewhere = track with { Samples = track.Samples.Select(s => s.Method == "ig" ? s with { Index = s.Index + 100, Insertion = 0.99f } : s).ToList() };
        Assert.Equal("holds", Part4Claims.F1(elsewhere, Names).VerdictText);

        // FEI-ext's insertion far from FEI's: not matched, so F3 is not detected
        var unmatched = track with { Samples = track.Samples.Select(s => s.Method == "fei_ext" ? s with { Insertion = s.Insertion - 0.3f } : s).ToList() };
        var f3 = Part4Claims.F3(unmatched, Names);
        Assert.Equal("not detected", f3.VerdictText);
        Assert.Contains("not matched", f3.Ours);
    }

    [Fact]
    public void Without_fei_the_claims_are_not_run_and_nothing_throws()
    {
        var track = Track(["ig", "vanilla_grad"]);
        var verdicts = Part4Claims.Check(track, Names);
        Assert.All(verdicts, v => Assert.Equal("not run", v.VerdictText));
        Assert.Contains("FEI was not in this run", verdicts[0].Ours);
        Assert.Equal(3, Part4Claims.Table6bData(track, Names).Rows.Count);
        Assert.Equal(4, Part4Tables.Table6Data(track).Rows.Count);
        Assert.Equal(4, Part4Figures.Figure7Points(track).Count);

        // FEI-ext without FEI: F1 and F2 not run, F3 still decided; a method absent on one dataset leaves no row
        var partial = Track(["ig", "fei_ext", "shap"]);
        partial = partial with { Scores = partial.Scores.Where(s => !(s.Method == "shap" && s.Dataset == "linear/white")).ToList() };
        var byId = Part4Claims.Check(partial, Names).ToDictionary(v => v.Id);
        Assert.Equal("not run", byId["F1"].VerdictText);
        Assert.Equal("not run", byId["F2"].VerdictText);
        Assert.Contains("FEI (reconstruction) not in this run", byId["F2"].Ours);
        Assert.Equal("not run", byId["F3"].VerdictText); // F3 compares FEI-ext with FEI
        Assert.DoesNotContain(Part4Tables.Table6Data(partial).Rows, r => (string)r[0] == "linear/white" && (string)r[1] == "shap");
        Assert.True(double.IsNaN(Part4Tables.Mean(partial, "linear/white", "shap", "insertion")));

        // an empty track: notes instead of figures, empty tables
        var empty = new FaithTrack([], [], [], [], [], [], [], []) { Reference = Reference };
        Assert.Empty(Part4Tables.Table6Data(empty).Rows);
        Assert.Equal(["F1", "F2", "F3"], Part4Claims.Check(empty, Names).Select(v => v.Id));
        Assert.All(Part4Claims.Check(empty, Names), v => Assert.Equal("not run", v.VerdictText));
        Assert.IsType<ParagraphBlock>(Assert.Single(Part4Figures.Figure6(empty, Names)));
        Assert.IsType<ParagraphBlock>(Part4Figures.Figure7(empty, Names));
    }

    [Fact]
    public void Figure6_puts_at_most_six_datasets_in_a_block()
    {
        var many = Enumerable.Range(0, 7).Select(i => $"d{i}").ToList();
        var track = Track(datasets: ["linear"]);
        var seven = track with
        {
            Datasets = many,
            Scores = many.SelectMany(d => track.Scores.Select(s => s with { Dataset = d })).ToList(),
            Curves = many.SelectMany(d => track.Curves.Select(c => c with { Dataset = d })).ToList(),
        };
        var blocks = Part4Figures.Figure6(seven, Names);
        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, b => Assert.IsType<FigureBlock>(b));
        Assert.StartsWith("Figure 6. ", ((FigureBlock)blocks[0]).Caption, StringComparison.Ordinal);
        Assert.StartsWith("Figure 6 (continued, 2 of 2): d6", ((FigureBlock)blocks[1]).Caption, StringComparison.Ordinal);
        Assert.All(blocks, b => Assert.InRange(((FigureBlock)b).HeightRatio, 0.1f, 1.4f)); // each block fits a page
        Assert.Equal([0, 0.5, 1], Part4Figures.Fractions(3));
        Assert.Equal(Part4Figures.Colour(track, "ig"), Part4Figures.Colour(seven, "ig"));
        Assert.NotEqual(Part4Figures.Colour(track, "fei"), Part4Figures.Colour(track, "fei_ext"));
    }

    [Fact]
    public void The_pdf_has_the_part4_section_and_the_writer_exports_tables_6_and_6b()
    {
        string folder = Path.Combine(Path.GetTempPath(), "agop-part4-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(Data(Track()), folder);
            Assert.Equal("dataset,method,insertion_mean,insertion_std,deletion_mean,deletion_std,ad_mean,ap_mean",
                File.ReadLines(Path.Combine(folder, "table6.csv")).First());
            Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(folder, "table6.csv")).Length);
            var first = File.ReadLines(Path.Combine(folder, "table6.csv")).Skip(1).First().Split(',');
            Assert.Equal(["linear", "ig"], first[..2]);
            Assert.Equal(0.65, double.Parse(first[2], CultureInfo.InvariantCulture), 12);
            Assert.Equal(string.Join(",", Part4Tables.Table6DetailColumns), File.ReadLines(Path.Combine(folder, "table6_detail.csv")).First());
            Assert.Contains(File.ReadLines(Path.Combine(folder, "table6_detail.csv")), l => l.StartsWith("linear,random_order,", StringComparison.Ordinal));
            Assert.Equal("id,claim,check,ours,value,uncertainty,p_value,verdict", File.ReadLines(Path.Combine(folder, "table6b.csv")).First());
            foreach (var name in new[] { "table6.md", "table6b.md" })
                Assert.True(File.Exists(Path.Combine(folder, name)), name);
            Assert.Contains("| linear/white | IG |", File.ReadAllText(Path.Combine(folder, "table6.md")));
            Assert.False(File.Exists(Path.Combine(folder, "table-6.csv"))); // not written twice under the slug

            string text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract(Path.Combine(folder, ReportWriter.PdfName)), @"\s+", " ");
            foreach (var expected in new[] { "Part 4: faithfulness (insertion/deletion, activation deviation) and FEI", "Table 6.", "Table 6b.",
                         "Figure 6.", "Figure 7.", "FEI (reconstruction)", "a reconstruction from the abstract", "no numeric headline",
                         "PixelFlipping", "Random order (floor)", "holds", "Part 4 measures", "Part 4 claims" })
                Assert.Contains(expected, text);
            Assert.True(text.IndexOf("Part 4: faithfulness", StringComparison.Ordinal) > text.IndexOf("Part 1: synthetic benchmarks", StringComparison.Ordinal));
            Assert.True(text.LastIndexOf("Part 4: faithfulness", StringComparison.Ordinal) < text.LastIndexOf("Paper versus reproduction", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_faithfulness_the_report_has_no_part4_and_writes_no_part4_tables()
    {
        var document = ReportComposer.Compose(Data(null));
        Assert.DoesNotContain(document.Blocks.OfType<HeadingBlock>(), h => h.Text.StartsWith("Part 4", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Blocks.OfType<ParagraphBlock>(), p => p.Text.Contains("Part 4", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Blocks.OfType<BulletsBlock>().SelectMany(b => b.Items), i => i.Contains("Part 4", StringComparison.Ordinal));
        static IEnumerable<string> Headings(ReportDocument d) => d.Blocks.OfType<HeadingBlock>().Select(h => h.Text).Where(t => !t.StartsWith("Part 4", StringComparison.Ordinal) && t != ReproductionSummary.Heading); // the summary page lists claims only where some exist
        Assert.Equal(Headings(document), Headings(ReportComposer.Compose(Data(Track()))));
        string folder = Path.Combine(Path.GetTempPath(), "agop-part4-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(Data(null), folder);
            Assert.False(File.Exists(Path.Combine(folder, "table6.csv")));
            Assert.False(File.Exists(Path.Combine(folder, "table6b.csv")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
