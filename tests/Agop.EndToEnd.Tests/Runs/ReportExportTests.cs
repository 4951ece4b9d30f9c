using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Publishing artifacts/report.pdf and artifacts/report/: only what the manifest lists, and a failure is a line, not a crash.</summary>
[Trait("Category", "Slow")]
public class ReportExportTests
{
    [Fact]
    public void A_failing_export_names_the_path_prints_the_summary_exits_1_and_leaves_no_temp_file()
    {
        using var tiny = new TinyExperiment();
        var first = tiny.Run();
        Assert.True(first.Exit == 0, first.Errors);
        string pdf = Path.Combine(tiny.Artifacts, "report.pdf");
        File.Delete(pdf);
        Directory.CreateDirectory(Path.Combine(pdf, "in-the-way")); // a folder where the PDF goes: the move fails

        var failed = tiny.Run();

        Assert.Equal(1, failed.Exit);
        Assert.StartsWith($"error: could not publish the report to '{Path.GetFullPath(tiny.Artifacts)}'", failed.Errors);
        Assert.DoesNotContain("   at ", failed.Errors);
        Assert.Matches(@"^ran 0, reused \d+, failed 0$", TinyExperiment.LastLine(failed.Output));
        Assert.Empty(TempFiles(tiny.Artifacts));

        // A temp file left by an export that was killed is removed by the next one.
        Directory.Delete(pdf, recursive: true);
        File.WriteAllText(pdf + ".99999.tmp", "left by a killed export");
        File.WriteAllText(Path.Combine(tiny.Artifacts, "report", "table1.csv.99999.tmp"), "left by a killed export");
        var again = tiny.Run();
        Assert.True(again.Exit == 0, again.Errors);
        Assert.True(File.Exists(pdf));
        Assert.Empty(TempFiles(tiny.Artifacts));
    }

    [Fact]
    public void A_stray_file_in_the_report_unit_folder_is_not_published()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);
        string unit = Directory.GetDirectories(Path.Combine(tiny.Artifacts, "store", "report")).Single();
        File.WriteAllText(Path.Combine(unit, "report", "stray.csv"), "not listed in the manifest");

        var rerun = tiny.Run();

        Assert.True(rerun.Exit == 0, rerun.Errors);
        Assert.Equal("ran 0", TinyExperiment.LastLine(rerun.Output).Split(',')[0]);
        Assert.False(File.Exists(Path.Combine(tiny.Artifacts, "report", "stray.csv")));
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report", "table1.csv")));
    }

    static IEnumerable<string> TempFiles(string artifacts) =>
        Directory.GetFiles(artifacts, "*.tmp").Concat(Directory.GetFiles(Path.Combine(artifacts, "report"), "*.tmp"));
}
