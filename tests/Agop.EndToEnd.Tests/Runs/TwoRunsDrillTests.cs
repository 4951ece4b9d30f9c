using System.Text.RegularExpressions;
using Agop.Build.Cli;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// The smoke config run twice at once on one artifacts folder (two runs of the host, in-process on two
/// threads), and once more on its own folder with local worker processes to compare against.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SmokeDrill : IDisposable
{
    public SmokeDrill()
    {
        string root = RepoRoot.Find();
        Readme = File.ReadAllText(Path.Combine(root, "README.md"));
        string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        string[] Args(string artifacts) =>
            ["--config", Path.Combine(root, "configs", "smoke.yaml"), "--artifacts", artifacts, "--set", $"data.dir={data}",
             "--jobs", "2", "--threads", "1", "--verbosity", "quiet"];

        using var start = new Barrier(2);
        var together = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Run(Args(Shared));
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(together, TimeSpan.FromMinutes(10));
        Together = together.Select(t => t.Result).ToList();
        Alone = Run([.. Args(Separate), "--executor", "local"]);
        DryRun = Run([.. Args(Shared), "--dry-run"]);
    }

    public string Shared { get; } = Path.Combine(Path.GetTempPath(), "agop-drill-shared-" + Guid.NewGuid().ToString("N"));
    public string Separate { get; } = Path.Combine(Path.GetTempPath(), "agop-drill-alone-" + Guid.NewGuid().ToString("N"));
    public string Readme { get; }
    public IReadOnlyList<(int Exit, string Output, string Errors)> Together { get; }
    public (int Exit, string Output, string Errors) Alone { get; }
    public (int Exit, string Output, string Errors) DryRun { get; }

    static (int Exit, string Output, string Errors) Run(string[] args) => TinyExperiment.RunHost(args);

    public void Dispose()
    {
        foreach (var dir in new[] { Shared, Separate })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

[Trait("Category", "Slow")]
public class TwoRunsDrillTests(SmokeDrill drill) : IClassFixture<SmokeDrill>
{
    [Fact]
    public void Two_runs_together_both_succeed_every_artifact_verifies_and_each_unit_was_built_once()
    {
        var counts = drill.Together.Select(run =>
        {
            Assert.True(run.Exit == 0, run.Errors);
            var last = Regex.Match(TinyExperiment.LastLine(run.Output), @"^ran (\d+), reused (\d+), failed 0$");
            Assert.True(last.Success, run.Output);
            return (Ran: int.Parse(last.Groups[1].Value), Reused: int.Parse(last.Groups[2].Value));
        }).ToList();

        var upToDate = Regex.Match(TinyExperiment.LastLine(drill.DryRun.Output), @"^0 to run, (\d+) up to date$");
        Assert.True(upToDate.Success, drill.DryRun.Output); // every artifact verifies against its manifest
        int units = int.Parse(upToDate.Groups[1].Value);
        Assert.Equal(units, counts.Sum(c => c.Ran));       // each unit built by exactly one of the two runs
        Assert.Equal(units, counts.Sum(c => c.Reused));    // and reused (after waiting, or from the start) by the other
        Assert.Equal(units, Directory.GetFiles(Path.Combine(drill.Shared, "store"), "manifest.json", SearchOption.AllDirectories).Length);
        Assert.Empty(Directory.GetDirectories(Path.Combine(drill.Shared, "tmp")));
        Assert.True(File.Exists(Path.Combine(drill.Shared, "report.pdf")));
    }

    [Fact]
    public void A_separate_run_with_worker_processes_gives_identical_data_and_only_the_files_the_readme_names_carry_timings()
    {
        Assert.True(drill.Alone.Exit == 0, drill.Alone.Errors);
        static Dictionary<string, string> Hashes(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), Agop.Pipeline.Engine.ArtifactStore.HashFile);

        var shared = Hashes(Path.Combine(drill.Shared, "store"));
        var alone = Hashes(Path.Combine(drill.Separate, "store"));
        Assert.Equal(shared.Keys.Order(), alone.Keys.Order());
        var differing = shared.Keys.Where(k => shared[k] != alone[k] && !k.EndsWith("/manifest.json", StringComparison.Ordinal)).ToList();
        Assert.All(differing, file => Assert.StartsWith("report/", file)); // data artifacts are byte-identical

        var sharedTables = Hashes(Path.Combine(drill.Shared, "report"));
        var aloneTables = Hashes(Path.Combine(drill.Separate, "report"));
        var timed = sharedTables.Keys.Where(k => sharedTables[k] != aloneTables[k])
            .Select(k => Path.ChangeExtension(k, ".csv")).Distinct().ToList();
        Assert.NotEmpty(timed);
        Assert.All(timed, csv => Assert.Contains($"`{csv}`", drill.Readme));
    }
}
