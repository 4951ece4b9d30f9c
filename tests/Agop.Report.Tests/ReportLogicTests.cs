using Agop.Statistics;
using Agop.Report;
using Agop.Tests.Support;

namespace Agop.Tests.Report;

public class ReportLogicTests
{
    static ReportData Data(IReadOnlyList<MethodScore> scores) => new(
        "t", "c", "c.yaml", "h", "", DateTimeOffset.UnixEpoch, "commit", new Dictionary<string, string>(),
        ["linear", "sparse"], ["agop_ixg", "shap"], [new MethodInfo("agop_ixg", "AGOP-IxG", ""), new MethodInfo("shap", "SHAP (Deep)", "")], "agop_ixg",
        [0], scores, [], [], [],
        new RoarSummary([], [], [], [], new Dictionary<(string, int), double>(), ""), null, [], [], []);

    static readonly PaperReference Reference = PaperReference.Parse("""
        paper: test
        claims:
          - { text: "lowest noise everywhere", kind: leads, metric: noise_mass, method: agop_ixg, datasets: [linear, sparse] }
          - { text: "faster than SHAP", kind: speedup, method: agop_ixg, over: shap, at_least: 350 }
        """);

    [Fact]
    public void Claims_are_computed_from_the_numbers_and_reported_unsupported_when_broken()
    {
        var holds = Data(
        [
            new("linear", 0, "agop_ixg", 10, 0.7, 0.9, 0.10, 0.01), new("linear", 0, "shap", 10, 0.6, 0.8, 0.20, 5.0),
            new("sparse", 0, "agop_ixg", 10, 0.5, 0.6, 0.15, 0.01), new("sparse", 0, "shap", 10, 0.5, 0.6, 0.30, 5.0),
        ]);
        Assert.All(Decide(holds), v => Assert.True(v.Verdict == Agop.Report.Claims.Verdict.Holds, v.Ours));

        var broken = Data(
        [
            new("linear", 0, "agop_ixg", 10, 0.7, 0.9, 0.10, 0.01), new("linear", 0, "shap", 10, 0.6, 0.8, 0.20, 1.0),
            new("sparse", 0, "agop_ixg", 10, 0.5, 0.6, 0.35, 0.01), new("sparse", 0, "shap", 10, 0.5, 0.6, 0.30, 5.0),
        ]);
        var verdicts = Decide(broken);
        Assert.Equal("contradicted", verdicts[0].VerdictText); // one seed: the point margin decides
        Assert.Contains("sparse: contradicted, AGOP-IxG 0.350; closest call SHAP (Deep) 0.300, margin -0.050", verdicts[0].Ours);
        Assert.Equal("contradicted", verdicts[1].VerdictText); // linear only 100x faster
        Assert.Contains("linear 100×", verdicts[1].Ours);
    }

    static IReadOnlyList<Agop.Report.Claims.ClaimResult> Decide(ReportData data) =>
        Agop.Report.Claims.ClaimEngine.Decide("test", Reference, Agop.Report.Claims.ClaimContext.Of(data));

    [Fact]
    public void The_paper_reference_file_parses_with_numbers_and_claims()
    {
        var reference = PaperReference.Load(Path.Combine(RepoRoot.Find(), "configs", "reference", "agop-ixg-paper.yaml"));
        Assert.Contains(reference.Numbers, n => n.Dataset == "sparse" && n.Method == "agop_ixg" && n.Metric == "noise_mass" && n.Value == 0.244);
        Assert.True(reference.Claims.Count >= 5);
        Assert.All(reference.Numbers, n => Assert.False(string.IsNullOrWhiteSpace(n.Where), $"{n.Dataset} {n.Method} {n.Metric} has no where:"));
        Assert.All(reference.Claims, c => Assert.Contains(c.Kind, Agop.Report.Claims.ClaimEngine.KindNames));
    }

    [Fact]
    public void Wilcoxon_signed_rank_worked_example()
    {
        // differences 1..10, all positive: W+ = 55, mean 27.5, variance 10·11·21/24 = 96.25, z = 27.5/√96.25 = 2.8031
        var result = WilcoxonSignedRank.Test(Enumerable.Range(1, 10).Select(i => (double)i * 2).ToList(), Enumerable.Range(1, 10).Select(i => (double)i).ToList());
        Assert.Equal(10, result.N);
        Assert.Equal(55, result.WPlus);
        Assert.Equal(2.8031, result.Z, 4);
        Assert.Equal(0.005062, result.PValue, 5);
        // zero differences are dropped; ties share ranks: d = (1, 1, -2, 0) -> ranks (1.5, 1.5, 3), W+ = 3
        var tied = WilcoxonSignedRank.Test([2, 3, 1, 5], [1, 2, 3, 5]);
        Assert.Equal(3, tied.N);
        Assert.Equal(3, tied.WPlus);
        Assert.Equal(3, tied.WMinus);
        Assert.Equal(1.0, tied.PValue, 9);
    }

    [Fact]
    public void Wilcoxon_stays_exact_for_thousands_of_pairs()
    {
        // 5,000 distinct positive differences: z = (n(n+1)/4) / √(n(n+1)(2n+1)/24) = 6,251,250 / 102,077.7 = 61.24
        var result = WilcoxonSignedRank.Test(Enumerable.Range(1, 5000).Select(i => i * 1.001).ToList(), Enumerable.Range(1, 5000).Select(i => (double)i).ToList());
        Assert.Equal(61.24, result.Z, 2);
        Assert.True(result.PValue < 1e-12);
    }

    [Fact]
    public void Confidence_interval_worked_example()
    {
        // values 1, 2, 3: mean 2, s = 1, t(0.975, 2) = 4.302653, half width 4.302653/√3 = 2.484138
        var (mean, half) = ConfidenceInterval.Of([1, 2, 3]);
        Assert.Equal(2, mean, 12);
        Assert.Equal(2.484138, half, 5);
        Assert.True(double.IsNaN(ConfidenceInterval.Of([4]).HalfWidth));
    }

    [Fact]
    public void Long_tables_continue_on_the_next_page_with_their_header()
    {
        var rows = Enumerable.Range(0, 150).Select(i => (IReadOnlyList<string>)[$"row {i}", (i * 0.5).ToString("0.0"), "x"]).ToList();
        var document = new ReportDocument("Long", [], [new HeadingBlock(1, "Section"), new TableBlock(new ReportTable("Big table", ["Name", "Value", "Flag"], rows))]);
        string pdf = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        int pages = PdfRenderer.Write(document, pdf);
        Assert.True(pages >= 4, $"{pages} pages"); // title, contents, and the table over at least two pages
        string text = PdfText.Extract(pdf);
        Assert.Contains("Big table (continued)", text);
        Assert.True(text.Split("Name").Length - 1 >= 2, "the header repeats on the continuation page");
        Assert.Contains("row 149", text);
        File.Delete(pdf);
    }

    [SkippableFact]
    public void A_full_disk_while_the_pdf_is_written_is_an_ordinary_io_error_not_an_abort()
    {
        // /dev/full fails every write with ENOSPC. Before, the error was thrown inside SkiaSharp's native write callback
        // and aborted the process (this test host with it).
        Skip.IfNot(File.Exists("/dev/full"), "needs /dev/full (Linux)");
        var document = new ReportDocument("Full", [], [new HeadingBlock(1, "Section")]);
        var error = Assert.Throws<IOException>(() => PdfRenderer.Write(document, "/dev/full"));
        Assert.Contains("No space left on device", error.Message);
    }

    [Fact]
    public void Wide_tables_shrink_to_fit_the_page()
    {
        var headers = Enumerable.Range(0, 14).Select(i => $"a rather long column header {i}").ToList();
        var document = new ReportDocument("Wide", [], [new TableBlock(new ReportTable("Wide", headers, [headers]))]);
        string pdf = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        PdfRenderer.Write(document, pdf);
        using (var read = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var letters = read.GetPages().SelectMany(page => page.Letters.Select(letter => (Page: page, Letter: letter))).ToList();
            Assert.NotEmpty(letters);
            Assert.All(letters, l => Assert.True(l.Letter.BoundingBox.Left >= 0 && l.Letter.BoundingBox.Right <= l.Page.Width,
                $"'{l.Letter.Value}' at x = {l.Letter.BoundingBox.Left:0.0}..{l.Letter.BoundingBox.Right:0.0} is off a page {l.Page.Width:0} wide"));
            // every body cell is printed whole (wrapped, not clipped), the last column included
            var text = string.Concat(letters.Select(l => l.Letter.Value));
            var whole = System.Text.RegularExpressions.Regex.Matches(text, @"aratherlongcolumnheader(\d+)").Select(m => int.Parse(m.Groups[1].Value));
            Assert.Equal(Enumerable.Range(0, 14), whole.Order());
        }
        File.Delete(pdf);
    }
}
