using Agop.Build.Cli;
using Agop.Pipeline.Cluster;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

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
