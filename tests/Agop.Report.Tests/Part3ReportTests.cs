using System.Globalization;
using Agop.Report;
using Agop.Tests.Support;

namespace Agop.Tests.Report;

/// <summary>Part 3 of the report (the image track) from a synthetic <see cref="ImageTrack"/> with known numbers.</summary>
public class Part3ReportTests
{
    static readonly string[] Methods = ["agop_weighted", "agop_local", "agop_global", "vanilla_grad", "ig", "smoothgrad", "gradcam", "random"];

    static readonly MethodInfo[] Catalog =
    [
        new("agop_weighted", "AGOP-W", "weighted"), new("agop_local", "AGOP-L", "local"), new("agop_global", "AGOP-G", "global"),
        new("vanilla_grad", "VanillaGrad", "saliency"), new("ig", "IG", "integrated gradients"), new("smoothgrad", "SmoothGrad", "noise"),
        new("gradcam", "GradCAM", "last conv"), new("random", "Random", "uniform"),
    ];

    static readonly MethodNames Names = new(Catalog);

    static PaperReference Reference() =>
        PaperReference.Load(Path.Combine(RepoRoot.Find(), "configs", "reference", "agop-as-explanation-paper.yaml"));

    /// <summary>mIoU per (scenario, method) for seeds 0 and 1; every other metric is derived from it.</summary>
    static readonly Dictionary<(string Scenario, string Method), (double Seed0, double Seed1)> MIoU = new()
    {
        [("linear", "agop_weighted")] = (0.50, 0.70),
        [("linear", "agop_local")] = (0.30, 0.34),
        [("linear", "agop_global")] = (0.45, 0.47),
        [("linear", "vanilla_grad")] = (0.30, 0.34),
        [("linear", "ig")] = (0.40, 0.40),
        [("linear", "smoothgrad")] = (0.35, 0.37),
        [("linear", "gradcam")] = (0.08, 0.10),
        [("linear", "random")] = (0.07, 0.07),
        [("xor", "agop_weighted")] = (0.20, 0.22),
        [("xor", "agop_local")] = (0.15, 0.17),
        [("xor", "agop_global")] = (0.30, 0.32),
        [("xor", "vanilla_grad")] = (0.15, 0.17),
        [("xor", "ig")] = (0.12, 0.14),
        [("xor", "smoothgrad")] = (0.18, 0.20),
        [("xor", "gradcam")] = (0.25, 0.27),
        [("xor", "random")] = (0.07, 0.08),
    };

    static double Time(string method) => method switch
    {
        "agop_global" => 0.001,
        "agop_weighted" => 0.21,
        "vanilla_grad" => 0.18,
        "ig" => 9.0,
        "smoothgrad" => 9.5,
        _ => 0.2,
    };

    static ImageScore Score(string scenario, int seed, string method, double miou) => new(scenario, "white", seed, method, 900 + seed,
        miou, double.NaN, miou + 0.1, 0.9 - seed * 0.01, 0.88 - seed * 0.01, 0.5, miou, Time(method) * 0.9, Time(method) + seed * 0.002);

    static float[] Map(int size, Func<int, float> value) => Enumerable.Range(0, size * size).Select(value).ToArray();

    static ImageTrack Track(IReadOnlyList<string>? scenarios = null, IReadOnlyList<ImageScore>? extra = null, PaperReference? reference = null,
        IReadOnlyList<string>? methods = null)
    {
        var runScenarios = scenarios ?? ["linear", "xor"];
        var runMethods = methods ?? Methods;
        var scores = (from pair in MIoU
                      where runScenarios.Contains(pair.Key.Scenario) && runMethods.Contains(pair.Key.Method)
                      from seed in new[] { 0, 1 }
                      select Score(pair.Key.Scenario, seed, pair.Key.Method, seed == 0 ? pair.Value.Seed0 : pair.Value.Seed1)).ToList();
        if (extra is not null) scores.AddRange(extra);
        var models = new List<ImageModelQuality>
        {
            new("linear", "white", 0, 0.95, 0.91, 30, 28, 12.5),
            new("linear", "white", 1, 0.60, 0.55, 30, 12, 11.0),
            new("xor", "white", 0, 0.90, 0.85, 30, 30, 13.0),
            new("xor", "white", 1, 0.88, 0.80, 30, 25, 12.0),
        };
        var traces = runScenarios.SelectMany(s => new[] { 0, 1 }.Select(seed => new AgopTrace(s, "white", seed,
            [new(0, 0.1 + seed * 0.01, 0.2, 0.6), new(10, 0.4, 0.4, 0.85), new(20, 0.5, 0.5, 0.9), new(30, 0.6, s == "linear" ? 0.75 : 0.5, 0.9)],
            0.5 + seed, seed == 0 ? 0.97 : null))).ToList();
        var figure3 = new List<ImageMap>();
        foreach (var scenario in runScenarios)
            foreach (var (index, label) in new[] { (3, 0), (7, 1), (11, 0), (15, 1) })
            {
                figure3.Add(new ImageMap(scenario, "white", index, label, "input", 8, Map(8, i => (float)Math.Sin(i + index))));
                figure3.Add(new ImageMap(scenario, "white", index, label, "mask", 8, Map(8, i => i is 9 or 17 or 18 or 25 ? 1 : 0)));
                foreach (var method in runMethods.Where(m => m != "smoothgrad")) // one map absent: drawn as n/a
                    figure3.Add(new ImageMap(scenario, "white", index, label, method, 8, Map(8, i => method == "random" ? (float)Math.Cos(i) : i % 9)));
            }
        var figure5 = runScenarios.Select(s => new AgopMap(s, "white", 8, Map(8, i => i * 0.01f), Map(8, i => i is 9 or 17 ? 0.5f : 0))).ToList();
        return new ImageTrack(runScenarios, ["white"], runMethods, [0, 1], scores, models, traces, figure3, figure5,
            new Dictionary<int, double> { [8] = 0.0705, [4] = 0.0366 },
            [("miou.binarise", "topk_gt"), ("image.attr_output", "logit"), ("ig.method", "gausslegendre"), ("smoothgrad.preset", "sigma_0.15_n50"),
             ("gradcam.layer", "last conv, nearest"), ("image.fp16_roundtrip", "true"), ("image.train.double_softmax", "true")],
            reference ?? Reference(), "CLEVR-XAI: not found at /nowhere; H4/H5 not reproduced: needs CLEVR-XAI release + ImageNet-pretrained ResNet-18 + the paper's (unstated) classification target")
        { Samples = Samples(scores) };
    }

    /// <summary>40 images per score whose IoU is the score's mean plus a per-image term shared by every method, so paired differences equal the difference of means.</summary>
    static IReadOnlyList<ImageSample> Samples(IEnumerable<ImageScore> scores) => scores.SelectMany(s => Enumerable.Range(0, 40).Select(i =>
        new ImageSample(s.Scenario, s.Background, s.Seed, s.Method, i, s.MIoU + 0.01 * Math.Sin(i), s.MIoUOwn + 0.01 * Math.Sin(i)))).ToList();

    static ReportData Data(ImageTrack? images) => new ReportData(
        "Part 3 test", "c", "c.yaml", "h", "", DateTimeOffset.UnixEpoch, "commit", new Dictionary<string, string>(),
        ["linear"], ["agop_ixg"], [new MethodInfo("agop_ixg", "AGOP-IxG", ""), .. Catalog], "agop_ixg",
        [0], [new MethodScore("linear", 0, "agop_ixg", 10, 0.7, 0.9, 0.1, 0.01)], [new ModelQuality("linear", 0, 0.9, 0.8, 0.85, 0.6)], [], [],
        new RoarSummary([], [], [], [], new Dictionary<(string, int), double>(), ""), null, [], [], []) { Images = images };

    [Fact]
    public void Table4_data_has_the_exact_columns_and_the_mean_and_std_over_seeds()
    {
        var table = Part3Tables.Table4Data(Track());
        Assert.Equal(["scenario", "background", "method", "miou_mean", "miou_std", "precision_mean", "emd_mean", "time_s_mean"], table.Columns);
        Assert.Equal(2 * 8, table.Rows.Count);
        Assert.Equal(Methods, table.Rows.Take(8).Select(r => table.Text(r, "method")));
        var row = table.Rows.Single(r => table.Text(r, "scenario") == "linear" && table.Text(r, "method") == "agop_weighted");
        Assert.Equal("white", table.Text(row, "background"));
        Assert.Equal(0.60, table.Number(row, "miou_mean"), 12);
        Assert.Equal(Math.Sqrt(0.02), table.Number(row, "miou_std"), 12); // (0.5, 0.7): sample std = √((0.01 + 0.01) / 1)
        Assert.Equal(0.70, table.Number(row, "precision_mean"), 12);
        Assert.Equal(0.895, table.Number(row, "emd_mean"), 12);
        Assert.Equal(0.211, table.Number(row, "time_s_mean"), 12); // mean of SecondsPer1000 (0.21, 0.212)
    }

    [Fact]
    public void Table4_shows_na_for_a_method_that_did_not_run_and_the_chance_level_beside_random()
    {
        var track = Track(methods: Methods.Where(m => m != "smoothgrad").ToList());
        var withMissing = track with { Methods = Methods };
        var pdf = Part3Tables.Table4(withMissing, Names, stacked: false);
        Assert.Equal("0.600\n± 0.141", Part3Tables.Table4(withMissing, Names).Rows[0][1]); // the PDF stacks the std under the mean
        Assert.Equal(["Dataset", "AGOP-W", "AGOP-L", "AGOP-G", "VanillaGrad", "IG", "SmoothGrad", "GradCAM", "Random", "Chance E[IoU]"], pdf.Headers);
        Assert.Equal(["linear / white", "0.600 ± 0.141", "0.320 ± 0.028", "0.460 ± 0.014", "0.320 ± 0.028", "0.400 ± 0.000", "n/a", "0.090 ± 0.014", "0.070 ± 0.000", "0.0705"],
            pdf.Rows[0]);
        Assert.Contains("k = 8: 0.0705, k = 4: 0.0366", pdf.Caption);
        Assert.Contains("linear/white 0.0700 (k = 8)", pdf.Caption);
        Assert.Contains("image.train.double_softmax = true", pdf.Caption);
        Assert.DoesNotContain(Part3Tables.Table4Data(withMissing).Rows, r => (string)r[2] == "smoothgrad");
        var time = Part3Tables.Table4Time(track, Names);
        Assert.Contains("AGOP fit time (diag(M) over the training set, per model, mean over seeds): linear/white 1.000 s, xor/white 1.000 s.", time.Caption);
    }

    [Fact]
    public void Claims_are_computed_from_known_numbers_and_not_run_without_multiplicative()
    {
        var verdicts = Part3Claims.Check(Track(), Names).ToDictionary(v => v.Id);
        Assert.Equal(["H1", "H2", "H3", "H2-own", "H3-own", "H4", "H5", "H6", "H8", "H9"], verdicts.Keys); // H7 is Figure 4's
        // H1: 0.60 / 0.40 − 1 = +50 %; seed resamples give +25 % ({0, 0}) to +75 % ({1, 1}), all above 0
        Assert.Equal(0.5, verdicts["H1"].Value, 12);
        Assert.Equal("holds", verdicts["H1"].VerdictText);
        Assert.Contains("+50 % [+25 %, +75 %]", verdicts["H1"].Ours);
        Assert.Equal("+44 %", verdicts["H1"].PaperValue);
        Assert.Contains("resamples of the 2 seeds", verdicts["H1"].Uncertainty);
        Assert.Equal("not run", verdicts["H2"].VerdictText);
        Assert.Equal("not run", verdicts["H3"].VerdictText);
        Assert.Contains("multiplicative/white was not in this run", verdicts["H3"].Ours);
        Assert.Equal("not run", verdicts["H4"].VerdictText);
        Assert.Contains("not reproducible offline", verdicts["H4"].Ours);
        // H6: linear GradCAM − Random is 0.01 / 0.03 per image, within 0.05; xor 0.18 / 0.19, beyond it
        Assert.Equal("contradicted", verdicts["H6"].VerdictText);
        Assert.Contains("linear +0.020", verdicts["H6"].Ours);
        Assert.Contains("xor +0.185", verdicts["H6"].Ours);
        // H8 (AGOP-Local left out, it is VanillaGrad): linear AGOP-W 0.60 vs VanillaGrad 0.32, xor AGOP-G 0.31 vs GradCAM 0.26
        Assert.Equal("holds", verdicts["H8"].VerdictText);
        Assert.Contains("ahead on 2 of 2", verdicts["H8"].Ours);
        Assert.Contains("AGOP-Local is VanillaGrad by definition", verdicts["H8"].Ours);
        // H9: AGOP-G 0.002 s < AGOP-W 0.211 s, AGOP-W / VanillaGrad = 0.211 / 0.181 ≤ 2
        Assert.Equal("holds", verdicts["H9"].VerdictText);
        Assert.Equal(0.211 / 0.181, verdicts["H9"].Value, 9);

        // with multiplicative: IG (0.05) below the chance level 0.0705 of the 8-pixel mask holds H3, and H2 is the plain ratio
        var multiplicative = Methods.SelectMany(m => new[] { 0, 1 }.Select(seed => Score("multiplicative", seed, m, m switch
        {
            "agop_global" => 0.35,
            "ig" => 0.05,
            "random" => 0.07,
            _ => 0.2,
        }))).ToList();
        var run = Track(["linear", "multiplicative", "xor"], multiplicative);
        var withMult = Part3Claims.Check(run, Names).ToDictionary(v => v.Id);
        Assert.Equal(7.0, withMult["H2"].Value, 12);
        Assert.Equal("holds", withMult["H2"].VerdictText);
        Assert.Equal("holds", withMult["H3"].VerdictText);
        Assert.Contains("against the chance level E[IoU] = 0.0705 (k = 8)", withMult["H3"].Ours);
        // IG above chance: H3 contradicted
        var above = Track(["linear", "multiplicative"], multiplicative.Select(s => s.Method == "ig" ? s with { MIoU = 0.1 } : s).ToList());
        Assert.Equal("contradicted", Part3Claims.Check(above, Names).Single(v => v.Id == "H3").VerdictText);

        // the exported table 4b holds the same verdicts
        var table = Part3Claims.Table4bData(Track(), Names);
        Assert.Equal(["id", "claim", "background", "mask", "paper", "ours", "value", "uncertainty", "p_value", "verdict"], table.Columns);
        Assert.Equal("own", table.Text(table.Rows.Single(r => table.Text(r, "id") == "H3-own"), "mask"));
        Assert.Equal("scenario", table.Text(table.Rows.Single(r => table.Text(r, "id") == "H3"), "mask"));
        Assert.Equal("not run", table.Text(table.Rows.Single(r => table.Text(r, "id") == "H3"), "verdict"));
        Assert.Equal("white", table.Text(table.Rows.Single(r => table.Text(r, "id") == "H1"), "background"));
    }

    [Fact]
    public void Below_is_one_sided_against_the_chance_level_and_beats_reads_a_paired_interval_not_the_order_of_means()
    {
        var multiplicative = Methods.SelectMany(m => new[] { 0, 1 }.Select(seed => Score("multiplicative", seed, m, m switch
        {
            "ig" => 0.069,
            "random" => 0.070,
            _ => 0.2,
        }))).ToList();
        var track = Track(["linear", "multiplicative"], multiplicative);
        // IG's mean is 0.0695, just below chance (0.0705), but per image it scatters ±0.05: the interval covers chance, not detected
        ImageSample Image(string method, int seed, int index, double value) => new("multiplicative", "white", seed, method, index, value, double.NaN);
        var noisy = track.Samples.Where(s => s.Scenario != "multiplicative" || s.Method != "ig").ToList();
        for (int i = 0; i < 80; i++) noisy.Add(Image("ig", i % 2, i, 0.0695 + (i % 2 == 0 ? 0.05 : -0.05)));
        var h3 = Part3Claims.Check(track with { Samples = noisy }, Names).Single(v => v.Id == "H3");
        Assert.Equal("not detected", h3.VerdictText);
        Assert.Contains("one-sided against the analytic chance level (k = 8 of 64 pixels)", h3.Uncertainty);
        // the same mean with no scatter is significantly below chance
        var tight = track.Samples.Where(s => s.Scenario != "multiplicative" || s.Method != "ig").ToList();
        for (int i = 0; i < 80; i++) tight.Add(Image("ig", i % 2, i, 0.0695 + 0.0001 * Math.Sin(i)));
        Assert.Equal("holds", Part3Claims.Check(track with { Samples = tight }, Names).Single(v => v.Id == "H3").VerdictText);

        // H8: the best AGOP variant equal to the best rival on every image of xor is a tie, not a win
        var tied = Track().Samples.Select(s => s.Scenario == "xor" && s.Method == "gradcam"
            ? s with { MIoU = Track().Samples.Single(o => o.Scenario == "xor" && o.Method == "agop_global" && o.Seed == s.Seed && o.Index == s.Index).MIoU } : s).ToList();
        var h8 = Part3Claims.Check(Track() with { Samples = tied }, Names).Single(v => v.Id == "H8");
        Assert.Equal("tie", h8.VerdictText);
        Assert.Contains("ahead on 1 of 2", h8.Ours);
        Assert.Contains("xor AGOP-G 0.310 vs GradCAM 0.260: 0.000 [0.000, 0.000] tie", h8.Ours);
        // and a rival ahead on every image contradicts it
        var behind = Track().Samples.Select(s => s.Scenario == "xor" && s.Method == "gradcam" ? s with { MIoU = s.MIoU + 0.2 } : s).ToList();
        Assert.Equal("contradicted", Part3Claims.Check(Track() with { Samples = behind }, Names).Single(v => v.Id == "H8").VerdictText);
    }

    [Fact]
    public void A_ratio_across_its_threshold_over_seed_resamples_is_a_tie_and_near_reads_its_allowance()
    {
        // H1 on linear: AGOP-W (0.30, 0.50) against IG (0.40, 0.40): +0 % overall, −25 % to +25 % over seed resamples
        var straddling = Track().Scores.Select(s => s.Scenario == "linear" && s.Method == "agop_weighted" ? s with { MIoU = s.Seed == 0 ? 0.30 : 0.50 } : s).ToList();
        var h1 = Part3Claims.Check(Track() with { Scores = straddling }, Names).Single(v => v.Id == "H1");
        Assert.Equal("tie", h1.VerdictText);
        Assert.Contains("[-25 %, +25 %]", h1.Ours);
        var below = Track().Scores.Select(s => s.Scenario == "linear" && s.Method == "agop_weighted" ? s with { MIoU = 0.2 + 0.01 * s.Seed } : s).ToList();
        Assert.Equal("contradicted", Part3Claims.Check(Track() with { Scores = below }, Names).Single(v => v.Id == "H1").VerdictText);

        // H6 on linear alone: GradCAM − Random is 0.01 / 0.03 per image, within 0.05; scattered ±0.1 around 0.04 it covers 0.05: a tie
        var linear = Track(["linear"]);
        Assert.Equal("holds", Part3Claims.Check(linear, Names).Single(v => v.Id == "H6").VerdictText);
        var scattered = linear.Samples.Select(s => s.Method == "gradcam" ? s with { MIoU = 0.07 + 0.04 + (s.Index % 2 == 0 ? 0.1 : -0.1) } : s).ToList();
        Assert.Equal("tie", Part3Claims.Check(linear with { Samples = scattered }, Names).Single(v => v.Id == "H6").VerdictText);
    }

    [Fact]
    public void The_chance_column_follows_the_mask_the_evaluation_units_scored()
    {
        var combined = Part3Tables.Table4(Track(), Names, stacked: false);
        Assert.Equal("0.0705", combined.Rows[0][^1]); // linear: the combined 8-pixel mask
        var own = Part3Tables.Table4(Track() with { OwnMaskHeadline = true }, Names, stacked: false);
        Assert.Equal("0.0366", own.Rows[0][^1]); // image.miou.mask: own → each sample's 4 pixels
        Assert.Contains("linear/white 0.0700 (k = 4)", own.Caption);
        Assert.Equal(4, Part3Tables.MaskSize(Track(), "linear", "miou_own"));
        Assert.Equal(4, Part3Tables.MaskSize(Track(), "translations_rotations"));
    }

    [Fact]
    public void The_mask_line_says_where_each_methods_top_pixels_land_from_the_data()
    {
        Assert.Null(Part3Claims.MaskLine(Track(), Names));
        var track = Track() with
        {
            Landings = [new("linear", "white", "ig", 80, 0.5, 0.25, 0.25), new("multiplicative", "white", "ig", 90, 0.125, 0.625, 0.25),
                        new("multiplicative", "white", "agop_global", 90, 0.75, 0.125, 0.125), new("multiplicative", "white", "smoothgrad", 90, 0.3, 0.3, 0.4)],
        };
        var line = Part3Claims.MaskLine(track, Names)!;
        Assert.Contains("on multiplicative/white", line);
        Assert.Contains("IG 12 % on the sample's own tetromino, 62 % on the other class's location, 25 % elsewhere", line.Replace("\u00a0", " "));
        Assert.Contains("AGOP-G 75 %", line.Replace("\u00a0", " "));
        Assert.DoesNotContain("SmoothGrad", line);
    }

    [Fact]
    public void A_model_under_the_accuracy_gate_is_flagged_and_kept()
    {
        var track = Track();
        var data = Part3Tables.Table5Data(track);
        Assert.Equal(4, data.Rows.Count);
        var flagged = data.Rows.Where(r => (bool)data[r, "below_gate"]).ToList();
        Assert.Equal(("linear", 1), (data.Text(Assert.Single(flagged), "scenario"), Convert.ToInt32(data[flagged[0], "seed"])));
        var pdf = Part3Tables.Table5(track);
        Assert.Equal(4, pdf.Rows.Count);
        Assert.Equal("⚠ below 0.75", pdf.Rows[1][^1]);
        Assert.Equal("0.600", pdf.Rows[1][3]);
        Assert.Equal("ok", pdf.Rows[0][^1]);
        Assert.Contains("1 of 4 models are below it: linear/white seed 1 (0.600)", pdf.Caption);
        Assert.True(ReportFonts.Regular.ContainsGlyphs(Part3Tables.FlagMark), "the report font draws the flag");
    }

    [Fact]
    public void The_pdf_has_the_part3_section_and_the_writer_exports_tables_4_4b_and_5()
    {
        string folder = Path.Combine(Path.GetTempPath(), "agop-part3-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(Data(Track()), folder);
            Assert.Equal("scenario,background,method,miou_mean,miou_std,precision_mean,emd_mean,time_s_mean",
                File.ReadLines(Path.Combine(folder, "table4.csv")).First());
            Assert.Equal(1 + 16, File.ReadAllLines(Path.Combine(folder, "table4.csv")).Length);
            var first = File.ReadLines(Path.Combine(folder, "table4.csv")).Skip(1).First().Split(',');
            Assert.Equal(["linear", "white", "agop_weighted"], first[..3]);
            Assert.Equal(0.6, double.Parse(first[3], CultureInfo.InvariantCulture), 12);
            Assert.Equal("id,claim,background,mask,paper,ours,value,uncertainty,p_value,verdict", File.ReadLines(Path.Combine(folder, "table4b.csv")).First());
            Assert.Equal(string.Join(",", Part3Tables.Table5Columns), File.ReadLines(Path.Combine(folder, "table5.csv")).First());
            foreach (var name in new[] { "table4.md", "table4b.md", "table5.md", "table4_detail.csv", "table-4-precision-and-emd.md", "table-4-time.md" })
                Assert.True(File.Exists(Path.Combine(folder, name)), name);
            Assert.All(File.ReadAllLines(Path.Combine(folder, "table-4-precision-and-emd.md")).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1),
                line => Assert.Matches(@"^\| (linear|xor) / white \| ", line)); // one-line labels in Markdown
            Assert.Contains("| linear / white | 0.600 ± 0.141 |", File.ReadAllText(Path.Combine(folder, "table4.md")));

            string text = System.Text.RegularExpressions.Regex.Replace(PdfText.Extract(Path.Combine(folder, ReportWriter.PdfName)), @"\s+", " ");
            foreach (var expected in new[] { "Part 3: images (AGOP as Explanation)", "Table 4.", "Table 4 (precision and EMD)", "Table 4 (time)",
                         "Table 4b.", "Table 5.", "Figure 3.", "Figure 4.", "Figure 5.", "AGOP-W", "GradCAM", "√98", "Kendall", "Online AGOP hook",
                         "CLEVR-XAI: not found", "not run", "Part 3 reproduces the image track" })
                Assert.Contains(expected, text);
            Assert.True(text.IndexOf("Part 3: images", StringComparison.Ordinal) > text.IndexOf("Part 1: synthetic benchmarks", StringComparison.Ordinal));
            Assert.True(text.LastIndexOf("Part 3: images", StringComparison.Ordinal) < text.LastIndexOf("Paper versus reproduction", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_images_the_report_has_no_part3_and_writes_no_part3_tables()
    {
        var document = ReportComposer.Compose(Data(null));
        Assert.DoesNotContain(document.Blocks.OfType<HeadingBlock>(), h => h.Text.StartsWith("Part 3", StringComparison.Ordinal));
        Assert.DoesNotContain(document.Blocks.OfType<ParagraphBlock>(), p => p.Text.Contains("Part 3", StringComparison.Ordinal));
        var withImages = ReportComposer.Compose(Data(Track()));
        // every block outside Part 3 and the summary is the same object type in the same order
        static IEnumerable<string> Headings(ReportDocument d) => d.Blocks.OfType<HeadingBlock>().Select(h => h.Text).Where(t => !t.StartsWith("Part 3", StringComparison.Ordinal) && t != ReproductionSummary.Heading); // the summary page lists claims only where some exist
        Assert.Equal(Headings(document), Headings(withImages));
    }

    [Fact]
    public void A_smoke_like_run_with_one_seed_and_missing_pieces_degrades_to_na_and_not_run()
    {
        var t = Track(methods: ["agop_weighted", "agop_global", "ig", "random"]);
        var one = t with
        {
            Seeds = [0],
            Scores = t.Scores.Where(s => s.Seed == 0).ToList(),
            Models = t.Models.Where(m => m.Seed == 0).ToList(),
            Traces = [],
            Figure5 = [],
            Methods = Methods,
            Reference = null,
        };
        Assert.All(Part3Tables.Table4Data(one).Rows, r => Assert.Equal(0.0, (double)r[4])); // one seed: std 0
        Assert.Contains("n/a", Part3Tables.Table4(one, Names).Rows[0]);
        Assert.Empty(Part3Claims.Check(one, Names)); // no reference file: nothing to compare
        var document = ReportComposer.Compose(Data(one));
        Assert.Contains(document.Blocks.OfType<ParagraphBlock>(), p => p.Text.StartsWith("Figure 4 (diag(M) quality over training, H7): no AGOP trace", StringComparison.Ordinal));
        Assert.Contains(document.Blocks.OfType<ParagraphBlock>(), p => p.Text.StartsWith("Figure 5 (diag(M) next to F): no AGOP map", StringComparison.Ordinal));
        string folder = Path.Combine(Path.GetTempPath(), "agop-part3-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(Data(one), folder);
            Assert.Single(File.ReadAllLines(Path.Combine(folder, "table4b.csv"))); // the header alone
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Figure3_shows_the_first_test_image_of_each_class_and_at_most_eight_rows()
    {
        var rows = Part3Figures.Figure3Rows(Track(), "white");
        Assert.Equal([("linear", 3, 0), ("linear", 7, 1), ("xor", 3, 0), ("xor", 7, 1)], rows);
        var t = Track(["linear", "multiplicative", "translations_rotations", "xor"]);
        var five = t with { Figure3 = [.. t.Figure3, .. t.Figure3.Where(m => m.Scenario == "linear").Select(m => m with { Scenario = "extra" })] };
        var capped = Part3Figures.Figure3Rows(five, "white");
        Assert.Equal(5, capped.Count); // 10 (scenario, class) rows would be too many: one image per scenario
        Assert.All(capped, r => Assert.Equal(3, r.TestIndex));
    }

    [Fact]
    public void Epoch_trends_average_the_seeds_and_report_kendall_tau_and_the_share_of_increases()
    {
        var trend = Part3Figures.EpochTrends(Track(), "white").Single(t => t.Scenario == "linear");
        Assert.Equal([0, 10, 20, 30], trend.Epochs);
        Assert.Equal(0.105, trend.Pearson[0], 12);
        Assert.Equal(1.0, trend.PearsonTau, 12);
        Assert.Equal(1.0, trend.PearsonShareUp, 12);
        Assert.Equal(2, trend.Seeds);
    }

    [Fact]
    public void Epoch_trends_leave_out_epochs_whose_quality_is_undefined()
    {
        // y = 1 2 3 5 4 against epochs 1..5 (the sixth epoch undefined): 9 concordant, 1 discordant pair of 10: τ = 0.8; 3 of 4 steps up
        var trend = new EpochTrend("linear", "white", 1, [1, 2, 3, 4, 5, 6], [1, 2, 3, 5, 4, double.NaN], [double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN], [0.5, 0.6, 0.7, 0.8, 0.9, 0.9]);
        Assert.Equal(0.8, trend.PearsonTau, 12);
        Assert.Equal(0.75, trend.PearsonShareUp, 12);
        Assert.False(trend.HasIoU);
        Assert.True(double.IsNaN(trend.IoUTau));
    }

    [Fact]
    public void The_reference_file_of_the_image_paper_parses_with_every_claim()
    {
        var reference = Reference();
        Assert.Equal(["H1", "H2", "H3", "H2-own", "H3-own", "H4", "H5", "H6", "H7", "H8", "H9"], reference.Claims.Select(c => c.Id));
        Assert.Equal(["miou_own", "miou_own"], reference.Claims.Where(c => c.Id.EndsWith("-own", StringComparison.Ordinal)).Select(c => c.Metric));
        Assert.Equal(0.44, reference.Claims[0].Value, 12);
        Assert.Equal(7.0, reference.Claims[1].Value, 12);
        Assert.All(reference.Claims.Where(c => c.Id is "H4" or "H5"), c => Assert.Contains("not reproducible offline", c.Note));
        Assert.All(reference.Claims, c => Assert.Contains(c.Kind, new[] { "gain", "ratio", "below", "near", "beats", "cost", "trend", "offline" }));
        // the Part 1/2 file still parses with the extra (optional) claim fields
        var tabular = PaperReference.Load(Path.Combine(RepoRoot.Find(), "configs", "reference", "agop-ixg-paper.yaml"));
        Assert.Equal(Enumerable.Range(1, 17).Select(i => $"C{i}"), tabular.Claims.Select(c => c.Id));
    }
}
