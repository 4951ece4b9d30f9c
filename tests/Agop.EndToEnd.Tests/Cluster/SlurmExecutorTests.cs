using System.Text.Json;
using System.Text.RegularExpressions;
using Agop.Build.Cli;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

[Trait("Category", "Slow")]
public class SlurmExecutorTests(SlurmSmokeRuns runs) : IClassFixture<SlurmSmokeRuns>
{
    void RequireCluster() => runs.Cluster.Require();

    static Dictionary<string, string> DataHashes(string artifacts)
    {
        string store = Path.Combine(artifacts, "store");
        return Directory.GetFiles(store, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(store, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("/manifest.json", StringComparison.Ordinal) && !f.StartsWith("report/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => ArtifactStore.HashFile(Path.Combine(store, f)));
    }

    static IEnumerable<IReadOnlyDictionary<string, string>> ManifestEnvironments(string artifacts) =>
        Directory.GetFiles(Path.Combine(artifacts, "store"), Manifest.FileName, SearchOption.AllDirectories)
            .Select(f => Manifest.TryRead(f)!.Environment);

    [SkippableFact]
    public void The_smoke_config_through_slurm_builds_every_unit_with_data_byte_identical_to_the_local_executor()
    {
        RequireCluster();
        Assert.True(runs.Local.Exit == 0, runs.Local.Errors);
        Assert.True(runs.ViaSlurm.Exit == 0, runs.ViaSlurm.Errors);
        var local = Regex.Match(TinyExperiment.LastLine(runs.Local.Output), @"^ran (\d+), reused 0, failed 0$");
        Assert.True(local.Success, runs.Local.Output);
        Assert.Equal($"ran {local.Groups[1].Value}, reused 0, failed 0", TinyExperiment.LastLine(runs.ViaSlurm.Output));

        var expected = DataHashes(runs.LocalFolder);
        var actual = DataHashes(runs.SlurmFolder);
        Assert.True(expected.Count > 100, $"only {expected.Count} data files");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.DoesNotContain(expected.Keys, k => expected[k] != actual[k]);
        Assert.True(File.Exists(Path.Combine(runs.SlurmFolder, "report.pdf")));
    }

    [SkippableFact]
    public void Every_manifest_names_the_slurm_job_that_built_it()
    {
        RequireCluster();
        var slurm = ManifestEnvironments(runs.SlurmFolder).ToList();
        Assert.NotEmpty(slurm);
        Assert.All(slurm, env =>
        {
            Assert.Equal("slurm", env["executor"]);
            Assert.Matches(@"^\d+_\d+$", env["slurm_job_id"]);
        });
        Assert.True(slurm.Select(e => e["slurm_job_id"]).Distinct().Count() > 1, "every unit claims the same job");
        Assert.All(ManifestEnvironments(runs.LocalFolder), env =>
        {
            Assert.Equal("local", env["executor"]);
            Assert.False(env.ContainsKey("slurm_job_id"));
        });
    }

    [SkippableFact]
    public void A_dry_run_is_identical_for_both_executors()
    {
        RequireCluster();
        Assert.Equal(0, runs.DryRunSlurm.Exit);
        Assert.Equal(runs.DryRunLocal.Output, runs.DryRunSlurm.Output);
        Assert.Matches(@"^0 to run, \d+ up to date$", TinyExperiment.LastLine(runs.DryRunSlurm.Output));
    }

    [SkippableFact]
    public void A_job_killed_mid_run_fails_its_units_with_the_job_id_and_log_and_the_rerun_completes_them()
    {
        RequireCluster();
        Assert.NotNull(runs.KilledJob);
        Assert.Equal(1, runs.Killed.Exit);
        Assert.Matches(@"failed [1-9]\d*$", TinyExperiment.LastLine(runs.Killed.Output));
        var failure = runs.Killed.Errors.Split('\n').FirstOrDefault(l => l.Contains($"job {runs.KilledJob} ended CANCELLED", StringComparison.Ordinal));
        Assert.True(failure is not null, runs.Killed.Errors);
        string log = Regex.Match(failure, @"log (\S+\.log)").Groups[1].Value;
        Assert.True(File.Exists(log), $"log '{log}' named in: {failure}");

        Assert.True(runs.Rerun.Exit == 0, runs.Rerun.Errors);
        var rerun = Regex.Match(TinyExperiment.LastLine(runs.Rerun.Output), @"^ran (\d+), reused (\d+), failed 0$");
        Assert.True(rerun.Success, runs.Rerun.Output);
        Assert.True(int.Parse(rerun.Groups[1].Value) > 0 && int.Parse(rerun.Groups[2].Value) > 0, runs.Rerun.Output);
        Assert.Empty(Directory.GetDirectories(Path.Combine(runs.KilledFolder, "tmp")));
        var expected = DataHashes(runs.LocalFolder);
        var actual = DataHashes(runs.KilledFolder);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.DoesNotContain(expected.Keys, k => expected[k] != actual[k]);
    }

    [SkippableFact]
    public void Ctrl_c_scancels_the_jobs_of_the_run_keeps_what_committed_and_ends_with_skipped_units()
    {
        RequireCluster();
        var (exit, output, errors, jobs) = runs.Interrupted;
        Assert.DoesNotContain("(the host ignored SIGINT)", errors);
        Assert.True(exit == 1, $"exit {exit}; stderr:\n{errors}\nlast line: {TinyExperiment.LastLine(output)}");
        Assert.Contains("cancelling this run's Slurm jobs", errors);
        Assert.Matches(@"^ran \d+, reused 0, failed 0, skipped [1-9]\d*$", TinyExperiment.LastLine(output));
        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.True(j.HasEnded, $"{j.JobId} is still {j.State}"));
        Assert.Contains(jobs, j => j.State == "CANCELLED");
        // What committed before the interrupt verifies; the rest is planned again.
        var dry = new StringWriter();
        Assert.Equal(0, Host.Run(["--config", Path.Combine(RepoRoot.Find(), "configs", "smoke.yaml"), "--artifacts", runs.InterruptedFolder,
            "--set", $"data.dir={Path.GetFullPath(Path.Combine(RepoRoot.Find(), "..", "shared", "data"))}", "--dry-run", "--verbosity", "quiet"], dry, new StringWriter()));
        Assert.Matches(@"^[1-9]\d* to run, \d+ up to date$", TinyExperiment.LastLine(dry.ToString()));
    }

    [SkippableFact]
    public void An_unknown_partition_stops_before_any_work_and_names_the_partitions_there_are()
    {
        RequireCluster();
        string artifacts = Path.Combine(Path.GetTempPath(), "agop-slurm-partition-" + Guid.NewGuid().ToString("N")[..8]);
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Host.Run(["--config", Path.Combine(RepoRoot.Find(), "configs", "smoke.yaml"), "--artifacts", artifacts,
            "--executor", "slurm", "--partition", "nosuch", "--target", "Generate"], output, errors);
        Assert.Equal(2, exit);
        Assert.Contains("unknown Slurm partition 'nosuch'", errors.ToString());
        Assert.Contains("debug", errors.ToString());
        Assert.Contains("Nothing was run", errors.ToString());
        Assert.False(Directory.Exists(artifacts));
    }
}
