using System.Text.RegularExpressions;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>A user's own CSV (data.tables) runs through ROAR, Part 4 and the report; a malformed one stops before any work.</summary>
[Trait("Category", "Slow")]
public class UserTableTests
{
    /// <summary>A bank-marketing-like table: an id, numbers, two categorical columns, a few missing cells and a yes/no target.</summary>
    public static string BankCsv(int rows = 300, int seed = 1)
    {
        var random = new Random(seed);
        string[] jobs = ["admin", "blue-collar", "retired", "services", "technician"];
        var lines = new List<string> { "id,age,job,marital,balance,y" };
        for (int i = 0; i < rows; i++)
        {
            int age = random.Next(18, 90);
            string job = jobs[random.Next(jobs.Length)];
            double balance = 1000 + 500 * (random.NextDouble() * 2 - 1);
            double score = (age - 50) / 20.0 + (balance - 1000) / 400 + (job == "retired" ? 1 : 0) + random.NextDouble() - 0.5;
            string balanceCell = i % 41 == 7 ? "" : balance.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"{i},{age},{job},\"{(i % 3 == 0 ? "married" : "single")}\",{balanceCell},{(score > 0.3 ? "yes" : "no")}");
        }
        return string.Join("\n", lines) + "\n";
    }

    const string Tables = """
        data:
          tables:
            bank:
              path: bank.csv
              target: y
              positive: "yes"
              drop: [id]
        """;

    static string Yaml(string roarDatasets = "[bank]", string tables = Tables) => $"""
        name: user-table
        seeds: [3]
        synthetic:
          datasets: [linear]
          samples: 200
          features: 6
          informative: 2
        train:
          epochs: 1
          hidden: [8]
        methods:
          enabled: [ixg]
        {tables}
        roar:
          datasets: {roarDatasets}
          seeds: [0]
          methods: [ixg, agop_ixg]
          fractions: [0.1, 0.5]
          train:
            epochs: 2
        image:
          enabled: false
        faith:
          max_samples: 20
        fei:
          samples: 4
          steps: 5
        report:
          figure_samples: [0]
        """;

    static TinyExperiment WithTable(string yaml, string csv)
    {
        var tiny = new TinyExperiment(yaml);
        File.WriteAllText(Path.Combine(tiny.Root, "bank.csv"), csv);
        return tiny;
    }

    static List<string> StaleUnits(string dryRunOutput) =>
        dryRunOutput.Split('\n').Where(l => l.StartsWith("run ", StringComparison.Ordinal)).Select(l => l[5..].Trim().Split(' ')[0]).Order().ToList();

    [Fact]
    public void A_user_table_gets_its_Table_3_row_its_Figure_2_curves_and_its_Part_4_rows_and_an_edit_reruns_only_what_reads_it()
    {
        using var tiny = WithTable(Yaml(), BankCsv());
        var first = tiny.Run();
        Assert.True(first.Exit == 0, first.Errors);

        string report = Path.Combine(tiny.Artifacts, "report");
        var table3 = File.ReadAllLines(Path.Combine(report, "table3.csv"));
        Assert.Equal(["dataset,method,auc_mean,auc_std", "bank,ixg", "bank,agop_ixg"], table3.Select((l, i) => i == 0 ? l : string.Join(',', l.Split(',')[..2])));
        Assert.Contains(File.ReadLines(Path.Combine(report, "roar_curves.csv")), l => l.StartsWith("bank,", StringComparison.Ordinal));
        var table6 = File.ReadAllLines(Path.Combine(report, "table6.csv"));
        Assert.Contains(table6, l => l.StartsWith("bank,", StringComparison.Ordinal) && l.Contains(",ixg,"));
        Assert.Contains(table6, l => l.StartsWith("bank,", StringComparison.Ordinal) && l.Contains(",fei,"));
        int dropped = Enumerable.Range(0, 300).Count(i => i % 41 == 7);
        var pdf = Regex.Replace(PdfText.Extract(Path.Combine(tiny.Artifacts, "report.pdf")), @"\s+", " ");
        Assert.Contains($"Data: bank {300 - dropped} rows ({dropped} left out for a missing value), 9 model inputs", pdf);

        var rows = BankCsv().Split('\n');
        File.WriteAllText(Path.Combine(tiny.Root, "bank.csv"), string.Join("\n", rows.Select((r, i) => i == 5 ? FlipTarget(r) : r)));
        var stale = StaleUnits(tiny.Run("--dry-run").Output);
        Assert.Contains("fetchdata/bank", stale);
        Assert.Contains("roar/bank/seed0/data", stale);
        Assert.Contains("report", stale);
        Assert.All(stale, id => Assert.True(id == "report" || id.Contains("/bank", StringComparison.Ordinal), id));
    }

    static string FlipTarget(string row) => row.EndsWith(",yes", StringComparison.Ordinal) ? row[..^4] + ",no" : row[..^3] + ",yes";

    [Fact]
    public void Moving_the_file_reruns_nothing()
    {
        using var tiny = WithTable(Yaml(), BankCsv());
        Assert.Equal(0, tiny.Run("--target", "FetchData").Exit);
        Directory.CreateDirectory(Path.Combine(tiny.Root, "moved"));
        File.Move(Path.Combine(tiny.Root, "bank.csv"), Path.Combine(tiny.Root, "moved", "bank.csv"));
        File.WriteAllText(tiny.ConfigPath, Yaml(tables: Tables.Replace("path: bank.csv", "path: moved/bank.csv")));

        Assert.Empty(StaleUnits(tiny.Run("--target", "FetchData", "--dry-run").Output));
    }

    public static TheoryData<string, string, string, string> BadConfigs => new()
    {
        { "a shipped name", Tables.Replace("bank:", "adult:"), "[adult]", "data.tables.adult': 'adult' is a shipped data set; give your table another name" },
        { "an unknown table", Tables, "[bank, bnak]", "roar.datasets': 'bnak' is neither a shipped data set (adult, credit) nor a table under data.tables" },
        { "a missing file", Tables.Replace("bank.csv", "nope.csv"), "[bank]", "nope.csv: file not found (a path is relative to the config file)" },
        { "a misspelt key", Tables.Replace("target: y", "traget: y"), "[bank]", "bank: unknown key 'traget' (did you mean 'target'?)" },
        { "no target", Tables.Replace("      target: y\n", ""), "[bank]", "bank: 'target' is required" },
        { "a bad policy", Tables + "\n      missing: mean", "[bank]", "bank.missing: 'mean' is not one of: drop, impute_mean" },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void A_bad_table_block_is_exit_2_naming_the_key_with_nothing_written(string _, string tables, string roarDatasets, string problem)
    {
        using var tiny = WithTable(Yaml(roarDatasets, tables), BankCsv());

        var result = tiny.Run();

        Assert.Equal(2, result.Exit);
        Assert.True(result.Errors.Contains(problem, StringComparison.Ordinal), result.Errors);
        Assert.DoesNotContain("   at ", result.Errors);
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store")));
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "a ragged row", BankCsv().Replace("\n10,", "\n10,1,"), "line 12 has 7 fields; the header has 6" },
        { "one class", Regex.Replace(BankCsv(), ",(yes|no)\n", ",no\n"), "target column 'y' has one class only" },
        { "a rare class", string.Join("\n", BankCsv().Split('\n').Select((l, i) => i == 0 || l.Length == 0 ? l : Regex.Replace(l, ",(yes|no)$", i <= 3 ? ",yes" : ",no"))),
            "class 'yes' of target column 'y' has 3 row(s); each class needs at least 10" },
        { "an empty column", Regex.Replace(BankCsv(), @",(\d+)\.(\d+),", ",,"), "column 'balance' is empty" },
        { "an identifier kept", BankCsv(1200), "" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_malformed_table_stops_before_any_work_naming_the_file(string kind, string csv, string problem)
    {
        string tables = Tables;
        if (kind == "an identifier kept")
        {
            // id is numeric; make it text so it is read as a 1,200-level categorical column
            csv = Regex.Replace(csv, @"\n(\d+),", m => $"\nc{m.Groups[1].Value},");
            tables = Tables.Replace("      drop: [id]\n", "").Replace("      drop: [id]", "");
            problem = $"column 'id' has {1200 - Enumerable.Range(0, 1200).Count(i => i % 41 == 7):N0} distinct values, more than 1,000 levels for a categorical column; if it is an identifier, leave it out with drop: [id]";
        }
        using var tiny = WithTable(Yaml(tables: tables), csv);

        var result = tiny.Run();

        Assert.Equal(2, result.Exit);
        Assert.True(result.Errors.Contains(Path.Combine(tiny.Root, "bank.csv") + ": " + problem, StringComparison.Ordinal), result.Errors);
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store")));
    }

    /// <summary>The README's example, as written there, on a small CSV written here, at a tiny scale set from the command line.</summary>
    [Fact]
    public void The_readme_example_runs()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot.Find(), "README.md"));
        var section = readme[readme.IndexOf("## Your own data", StringComparison.Ordinal)..];
        var yaml = Regex.Match(section, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("bank:", yaml);
        using var tiny = new TinyExperiment(yaml);
        File.WriteAllText(Path.Combine(tiny.Root, "bank.csv"), BankCsv());
        string data = Path.GetFullPath(Path.Combine(RepoRoot.Find(), "..", "shared", "data"));

        var result = tiny.Run("--set", $"data.dir={data}", "--set", "data.download=false", "--set", "seeds=[0]", "--set", "synthetic.datasets=[linear]",
            "--set", "synthetic.samples=200", "--set", "train.epochs=1", "--set", "train.hidden=[8]", "--set", "methods.enabled=[ixg]",
            "--set", "roar.seeds=[0]", "--set", "roar.methods=[ixg]", "--set", "roar.fractions=[0.5]", "--set", "roar.max_rows=400",
            "--set", "roar.train.epochs=1", "--set", "image.enabled=false", "--set", "faith.enabled=false", "--set", "report.figure_samples=[0]");

        Assert.True(result.Exit == 0, result.Errors);
        var table3 = File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "table3.csv"));
        Assert.Equal(["adult", "credit", "bank"], table3.Skip(1).Select(l => l.Split(',')[0]));
    }
}
