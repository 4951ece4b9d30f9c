using System.Globalization;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// The shipped smoke config end to end with the default executor (local worker processes): every generator, every method,
/// ROAR on both real data sets.
/// </summary>
[Trait("Category", "Slow")]
public class SmokeReportTests
{
    [Fact]
    public void Smoke_config_writes_a_complete_report_and_tables()
    {
        string root = RepoRoot.Find();
        string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        Assert.True(Directory.Exists(data), $"the shared data folder is expected at {data}");
        string artifacts = Path.Combine(Path.GetTempPath(), "agop-smoke-" + Guid.NewGuid().ToString("N"));
        var (exit, output, errors) = TinyExperiment.RunHost(
            ["--config", Path.Combine(root, "configs", "smoke.yaml"), "--artifacts", artifacts, "--set", $"data.dir={data}", "--jobs", "2", "--threads", "1",
             "--verbosity", "quiet", "--executor", "local"]);
        Assert.True(exit == 0, errors);
        Assert.Matches(@"^ran \d+, reused 0, failed 0$", TinyExperiment.LastLine(output));
        Assert.False(Directory.Exists(Path.Combine(artifacts, "runs")), "a run that succeeded keeps no worker logs");

        var table1 = File.ReadAllLines(Path.Combine(artifacts, "report", "table1.csv"));
        Assert.Equal("dataset,method,spearman_mean,spearman_std,topk_mean,topk_std,noise_mass_mean,noise_mass_std,time_s_mean", table1[0]);
        Assert.Equal(15, table1.Length - 1);
        foreach (var row in table1.Skip(1).Select(l => l.Split(',')))
        {
            double At(int i) => double.Parse(row[i], CultureInfo.InvariantCulture);
            Assert.InRange(At(2), -1, 1);
            Assert.InRange(At(4), 0, 1);
            Assert.InRange(At(6), 0, 1);
            Assert.True(At(8) > 0);
        }
        Assert.Equal("dataset,method,auc_mean,auc_std", File.ReadLines(Path.Combine(artifacts, "report", "table3.csv")).First());
        // 2 data sets × (the paper's 5 methods + random, the chance floor smoke.yaml lists in roar.methods)
        var table3 = File.ReadAllLines(Path.Combine(artifacts, "report", "table3.csv"));
        Assert.Equal(1 + 2 * 6, table3.Length);
        Assert.Equal(2, table3.Count(l => l.Split(',')[1] == "random"));
        Assert.True(File.Exists(Path.Combine(artifacts, "report", "roar_curves.csv")));
        Assert.True(File.Exists(Path.Combine(artifacts, "report", "claims.md")));
        // every claim of the three papers, with its verdict, uncertainty and scale, under the base and each variant
        var robustness = File.ReadAllLines(Path.Combine(artifacts, "report", "claims_robustness.csv"));
        Assert.Equal("paper,claim,variant,verdict,ours,uncertainty,scale,paper_value,p_value,changes,changes_inputs", robustness[0]);
        Assert.Contains(robustness, l => l.StartsWith("AGOP-IxG,C16,base,", StringComparison.Ordinal) && !l.Contains("not run", StringComparison.Ordinal));
        Assert.Contains(robustness, l => l.StartsWith("AGOP-IxG,C5,base,", StringComparison.Ordinal) && l.Contains("ROAR epochs 12 (paper 200)", StringComparison.Ordinal));
        Assert.Equal("unit,key,built_utc,seconds,peak_rss_mb,process_peak,built_by", File.ReadLines(Path.Combine(artifacts, "report", "work-units.csv")).First());

        // Part 3: linear and xor on white, 8 methods, one seed
        var table4 = File.ReadAllLines(Path.Combine(artifacts, "report", "table4.csv"));
        Assert.Equal("scenario,background,method,miou_mean,miou_std,precision_mean,emd_mean,time_s_mean", table4[0]);
        Assert.Equal(2 * 8, table4.Length - 1);
        foreach (var row in table4.Skip(1).Select(l => l.Split(',')))
        {
            Assert.InRange(double.Parse(row[3], CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(double.Parse(row[6], CultureInfo.InvariantCulture), 0, 1);
        }
        Assert.Equal(2, File.ReadAllLines(Path.Combine(artifacts, "report", "table5.csv")).Length - 1);

        // Part 4: every method on every model (3 synthetic, 2 real, 2 image datasets), FEI's four variants included
        var table6 = File.ReadAllLines(Path.Combine(artifacts, "report", "table6.csv"));
        Assert.Equal("dataset,method,insertion_mean,insertion_std,deletion_mean,deletion_std,ad_mean,ap_mean", table6[0]);
        var rows6 = table6.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(7, rows6.Select(r => r[0]).Distinct().Count());
        Assert.Contains(rows6, r => r[0] == "adult" && r[1] == "fei_ext");
        Assert.Contains(rows6, r => r[0] == "xor/white" && r[1] == "gradcam");
        foreach (var row in rows6)
        {
            Assert.InRange(double.Parse(row[2], CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(double.Parse(row[4], CultureInfo.InvariantCulture), 0, 1);
            Assert.InRange(double.Parse(row[7], CultureInfo.InvariantCulture), 0, 1);
        }

        string text = PdfText.Extract(Path.Combine(artifacts, "report.pdf"));
        foreach (var expected in new[]
        {
            "Contents", "Reproduction summary", "Summary", "Part 1: synthetic benchmarks", "Table 1. Attribution quality", "Table 2. Model quality",
            "Figure 1.", "AGOP rank K", "Part 2: ROAR on real data", "Table 3. ROAR AUC", "Figure 2.", "Paper versus reproduction",
            "The paper's claims", "Statistics", "Paired tests on per-sample Spearman", "95% confidence intervals", "Methods and parameters",
            "Configuration as run", "Appendix: provenance", "Environment", "Work units by stage", "Slowest units", "Config file as run",
            "Spearman", "Top-k", "Noise mass", "Time (s)", "Mean confidence", "libtorch", "torchsharp",
            "Part 3", "Table 4.", "Table 4b.", "Table 5.", "Figure 3.", "Figure 4.", "Figure 5.", "CLEVR-XAI", "H4/H5",
            "Part 4", "Table 6.", "Table 6b.", "Figure 6.", "Figure 7.",
        })
            Assert.Contains(expected, text);
        Directory.Delete(artifacts, recursive: true);
    }
}
