using Agop.Build.Cli;
using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Settings;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

[Trait("Category", "Slow")]
public class SlurmHostErrorTests
{
    [Fact]
    public void Without_sbatch_on_the_path_the_slurm_executor_stops_before_any_work_and_says_what_is_missing()
    {
        using var tiny = new TinyExperiment();
        string empty = Directory.CreateTempSubdirectory("agop-no-slurm-").FullName;
        try
        {
            var output = new StringWriter();
            var errors = new StringWriter();
            int exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--executor", "slurm"], output, errors,
                slurm: new SlurmCommands(empty));
            Assert.Equal(2, exit);
            Assert.Contains("'sbatch' is not there", errors.ToString());
            Assert.Contains("Nothing was run", errors.ToString());
            Assert.False(Directory.Exists(tiny.Artifacts));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void A_slurm_resource_in_the_environment_is_refused_with_another_executor_and_names_the_variable()
    {
        Func<string, string?> environment = v => v == "AGOP_SLURM_PARTITION" ? "gpu" : null;
        var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(null, new Dictionary<string, string>(), environment));
        Assert.Contains("environment variable AGOP_SLURM_PARTITION", e.Message);
        Assert.Contains("the executor is local (from built-in default)", e.Message);

        var slurm = RunnerSettings.Resolve(null, new Dictionary<string, string> { ["executor"] = "slurm" }, environment);
        Assert.Equal("gpu", slurm.SlurmJobs.Partition);
        // In cake.config the [Slurm] section is the cluster's description and stays whatever the executor.
        Assert.Equal(Executor.InProc, RunnerSettings.Resolve(Path.Combine(RepoRoot.Find(), "cake.config"),
            new Dictionary<string, string> { ["executor"] = "inproc" }, _ => null).Executor);
    }

    [Fact]
    public void A_dry_run_needs_no_slurm()
    {
        using var tiny = new TinyExperiment();
        var output = new StringWriter();
        int exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--executor", "slurm", "--dry-run"], output, new StringWriter(),
            slurm: new SlurmCommands("/nonexistent"));
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+ to run, 0 up to date$", TinyExperiment.LastLine(output.ToString()));
    }
}
