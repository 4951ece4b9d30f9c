using System.Globalization;
using System.Text.RegularExpressions;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Figures in the docs come from a run's output: these are checked against the command that prints them.</summary>
[Trait("Category", "Slow")]
public class DocsFiguresTests
{
    [Fact]
    public void The_reuse_pages_explain_code_table_is_what_the_command_prints_for_the_default_config()
    {
        string root = RepoRoot.Find();
        var lines = File.ReadAllLines(Path.Combine(root, "docs", "reuse.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("| you edit |", StringComparison.Ordinal));
        var table = lines.Skip(start).TakeWhile(l => l.StartsWith('|')).ToList();
        var files = table.Skip(2).Select(l => l.Split('`')[1]).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} rows found in docs/reuse.md");

        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        var (exit, output, errors) = TinyExperiment.RunHost(["--config", Path.Combine(root, "configs", "default.yaml"), "--set", $"data.dir={shared}",
            "--artifacts", Path.Combine(Path.GetTempPath(), "agop-explain-never-written"), .. files.SelectMany(f => new[] { "--explain-code", Path.Combine(root, f) })]);

        Assert.True(exit == 0, errors);
        Assert.Equal(table, output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList());
    }

    /// <summary>The units the default config plans from an empty store, as the dry run's last line counts them.</summary>
    static int PlannedByDefaultConfig(string root, params string[] options)
    {
        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        var (exit, output, errors) = TinyExperiment.RunHost(["--config", Path.Combine(root, "configs", "default.yaml"), "--set", $"data.dir={shared}",
            "--artifacts", Path.Combine(Path.GetTempPath(), "agop-count-never-written-" + Guid.NewGuid().ToString("N")), "--dry-run", "--verbosity", "quiet", .. options]);
        Assert.True(exit == 0, errors);
        var counts = Regex.Match(TinyExperiment.LastLine(output), @"^(\d+) to run, 0 up to date$");
        Assert.True(counts.Success, output);
        return int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_readmes_unit_count_is_the_default_configs_dry_run_count()
    {
        string root = RepoRoot.Find();
        var said = Regex.Match(File.ReadAllText(Path.Combine(root, "README.md")), @"the default config plans ([0-9,]+) units");
        Assert.True(said.Success, "README.md should say how many units the default config plans");

        Assert.Equal(int.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), PlannedByDefaultConfig(root));
    }

    [Fact]
    public void The_running_pages_count_of_feis_units_is_the_dry_runs()
    {
        string root = RepoRoot.Find();
        var said = Regex.Match(File.ReadAllText(Path.Combine(root, "docs", "running.md")), @"`--target Fei` plans[^(]*\(([0-9,]+) units");
        Assert.True(said.Success, "docs/running.md should say how many units --target Fei plans");

        Assert.Equal(int.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), PlannedByDefaultConfig(root, "--target", "Fei"));
    }

    [Fact]
    public void The_readmes_share_of_fei_and_roar_is_the_recorded_runs()
    {
        string root = RepoRoot.Find();
        var said = Regex.Match(File.ReadAllText(Path.Combine(root, "README.md")), @"FEI\s+and ROAR take (\d+) % of the unit-seconds");
        Assert.True(said.Success, "README.md should give FEI's and ROAR's share of the recorded run");

        var rows = File.ReadLines(Path.Combine(root, "tests", "Agop.Engine.Tests", "Fixtures", "default-run-units.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(f => (Stage: f[1], Seconds: double.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
        double share = rows.Where(r => r.Stage is "Fei" or "Roar").Sum(r => r.Seconds) / rows.Sum(r => r.Seconds);
        Assert.Equal(int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture), (int)Math.Round(100 * share));
    }

    [Fact]
    public void The_readmes_estimate_for_the_default_config_is_the_shipped_cost_models()
    {
        string root = RepoRoot.Find();
        var said = Regex.Match(File.ReadAllText(Path.Combine(root, "README.md")), @"about\s+(\d+) h (\d+) min\s+of work for 2 jobs");
        Assert.True(said.Success, "README.md should give the shipped cost model's estimate for the default config");

        var costs = Agop.Pipeline.Display.UnitCostModel.Parse(File.ReadAllText(Path.Combine(root, "build", Agop.Pipeline.Display.UnitCostModel.FileName)));
        // before any unit has finished, the estimate is the recorded costs over the jobs; the report is not in them
        var units = PlanFixture.PlanShipped("default").Where(u => u.Stage != "Report").Select(u => (u.Id, u.Stage)).ToList();
        var known = new Agop.Pipeline.Display.EtaEstimator(2, costs: costs).Remaining(units);
        Assert.True(known.HasValue, "a unit of the default config has neither a recorded cost nor a stage mean in the model");
        var minutes = TimeSpan.FromMinutes(Math.Round(known.Value.TotalMinutes));
        Assert.Equal(((int)minutes.TotalHours, minutes.Minutes),
            (int.Parse(said.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(said.Groups[2].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_readme_reads_in_five_minutes_and_every_link_and_picture_in_it_and_the_docs_resolves()
    {
        string root = RepoRoot.Find();
        Assert.InRange(File.ReadAllLines(Path.Combine(root, "README.md")).Length, 1, 150);
        var pages = new[] { Path.Combine(root, "README.md") }.Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md"));
        var broken = new List<string>();
        foreach (var page in pages)
            foreach (Match link in Regex.Matches(File.ReadAllText(page), @"\]\(([^)#\s]+)(#[^)]*)?\)"))
            {
                string target = link.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                if (!File.Exists(full) && !Directory.Exists(full)) broken.Add($"{Path.GetRelativePath(root, page)}: {target}");
            }
        Assert.True(broken.Count == 0, "links that lead nowhere:\n" + string.Join("\n", broken));
        Assert.Contains("](docs/images/report-summary.png)", File.ReadAllText(Path.Combine(root, "README.md")), StringComparison.Ordinal);
    }
}
