using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

[Trait("Category", "Slow")]
public class RoarIncrementalTests
{
    static string Yaml(string fractions, string dataDir) => $"""
        name: roar-tiny
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
          lime:
            samples: 30
        data:
          dir: {dataDir}
          download: false
        roar:
          datasets: [credit]
          seeds: [0]
          methods: [ixg, agop_ixg]
          fractions: {fractions}
          max_rows: 600
          train:
            epochs: 2
        image:
          enabled: false
        faith:
          enabled: false
        report:
          figure_samples: [0]
        """;

    static string CreditFixtureFolder() => Path.Combine(AppContext.BaseDirectory, "Science", "Data", "Fixtures", "roar-credit");

    [Fact]
    public void Adding_a_fraction_reruns_only_the_new_retraining_units_and_the_report()
    {
        using var tiny = new TinyExperiment(Yaml("[0.1, 0.5]", CreditFixtureFolder()));
        var first = tiny.Run();
        Assert.True(first.Exit == 0, first.Errors);
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report", "table3.csv")));
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report", "roar_curves.csv")));

        File.WriteAllText(tiny.ConfigPath, Yaml("[0.1, 0.3, 0.5]", CreditFixtureFolder()));
        var dry = tiny.Run("--dry-run");
        var stale = dry.Output.Split('\n').Where(l => l.StartsWith("run ", StringComparison.Ordinal)).Select(l => l[5..].Trim().Split(' ')[0]).Order().ToList();
        Assert.Equal(["report", "roar/credit/seed0/agop_ixg/t0.3", "roar/credit/seed0/ixg/t0.3"], stale);

        var rerun = tiny.Run();
        Assert.Equal(0, rerun.Exit);
        Assert.Matches(@"^ran 3, reused \d+, failed 0$", TinyExperiment.LastLine(rerun.Output));
        var table3 = File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "table3.csv"));
        Assert.Equal("dataset,method,auc_mean,auc_std", table3[0]);
        Assert.Equal(3, table3.Length);
    }

    [Fact]
    public void A_malformed_real_data_file_stops_before_any_work_naming_file_and_line()
    {
        string folder = Path.Combine(Path.GetTempPath(), "bad-credit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var lines = File.ReadAllLines(Path.Combine(CreditFixtureFolder(), "credit-default.csv"));
        lines[^1] = lines[^1][..(lines[^1].Length / 2)]; // truncated mid-row
        File.WriteAllLines(Path.Combine(folder, "credit-default.csv"), lines);
        using var tiny = new TinyExperiment(Yaml("[0.1]", folder));
        var result = tiny.Run();
        Assert.Equal(2, result.Exit);
        Assert.Contains("credit-default.csv", result.Errors);
        Assert.Contains($"line {lines.Length}", result.Errors);
        string store = Path.Combine(tiny.Artifacts, "store");
        Assert.True(!Directory.Exists(store) || Directory.GetDirectories(store).SelectMany(Directory.GetDirectories).Count() == 0);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Missing_real_data_stops_before_any_work_naming_the_file()
    {
        using var tiny = new TinyExperiment(Yaml("[0.1]", Path.Combine(Path.GetTempPath(), "no-such-data-" + Guid.NewGuid().ToString("N"))));
        var result = tiny.Run();
        Assert.Equal(2, result.Exit);
        Assert.Contains("credit-default.csv", result.Errors);
        Assert.Contains("not found", result.Errors);
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store")));
    }
}
