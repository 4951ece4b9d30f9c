using Agop.Report;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>The README's test command is the whole set-up: reading PDFs back needs no tool outside NuGet.</summary>
[Trait("Category", "Slow")]
public class PdfReadingTests
{
    [Fact]
    public void Pdf_text_is_read_in_process_with_no_external_tool()
    {
        var document = new ReportDocument("Self-contained", [], [new HeadingBlock(1, "Read back in process"),
            new TableBlock(new ReportTable("Numbers", ["Name", "Value"], [["alpha", "0.125"], ["beta", "42"]]))]);
        string pdf = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        PdfRenderer.Write(document, pdf);
        try
        {
            string text = PdfText.Extract(pdf);
            foreach (var expected in new[] { "Self-contained", "Read back in process", "Numbers", "alpha", "0.125", "beta", "42" })
                Assert.Contains(expected, text);
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    [Fact]
    public void Neither_the_tests_nor_ci_nor_the_readme_need_poppler()
    {
        string root = RepoRoot.Find();
        string self = Path.Combine(root, "tests", "Agop.EndToEnd.Tests", "Runs", nameof(PdfReadingTests) + ".cs");
        var offenders = Directory.GetFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && f != self)
            .Where(f => File.ReadAllText(f).Contains("pdftotext", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(offenders);
        Assert.DoesNotContain("poppler", File.ReadAllText(Path.Combine(root, ".ci", "run")), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("poppler", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.OrdinalIgnoreCase);
    }
}
