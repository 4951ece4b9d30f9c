using Agop.Build.Cli;
using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

/// <summary>The executor's failure handling against a fake scheduler (no Slurm needed).</summary>
[Trait("Category", "Slow")]
public class SlurmRunnerTests
{
    static WorkUnit Unit(string id, params WorkUnit[] inputs) =>
        new(id, "Evaluate", "code", "{}", new Dictionary<string, string>(), inputs.Select(i => new UnitInput("in", i)).ToList(), _ => { });

    static SlurmExecutor Executor(ArtifactStore store, FakeSlurm slurm, string artifacts, int jobs = 2) =>
        new(store, slurm, SlurmRunFolder.CreateUnder(artifacts),
            new SlurmJobOptions(SlurmSettings.Defaults, 1, "cpu", "agop-test", "%A_%a.log", artifacts, null), jobs)
        {
            PollInterval = TimeSpan.FromMilliseconds(20), QueueInterval = TimeSpan.FromMilliseconds(50), CancelWait = TimeSpan.FromSeconds(5),
        };

    [Fact]
    public void Jobs_that_end_without_a_log_or_a_word_are_reported_as_an_artifacts_folder_the_nodes_cannot_see_and_nothing_more_is_submitted()
    {
        using var tiny = new TinyExperiment();
        var slurm = new FakeSlurm("FAILED");
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--executor", "slurm", "--verbosity", "quiet"],
            output, errors, slurm: slurm);

        Assert.Equal(1, exit);
        Assert.Single(slurm.Submissions); // stops at the first submission
        Assert.Contains("cannot see the artifacts folder", errors.ToString());
        Assert.Contains("shared", errors.ToString());
        Assert.Matches(@"^ran 0, reused 0, failed \d+$", TinyExperiment.LastLine(output.ToString()));
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store")) && Directory.EnumerateFileSystemEntries(Path.Combine(tiny.Artifacts, "store")).Any());
    }

    [Fact]
    public void A_job_cancelled_by_someone_else_before_it_started_fails_its_units_with_its_id_not_as_an_unshared_folder()
    {
        using var tiny = new TinyExperiment();
        var slurm = new FakeSlurm("CANCELLED");
        var errors = new StringWriter();
        int exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--executor", "slurm", "--verbosity", "quiet"],
            new StringWriter(), errors, slurm: slurm);

        Assert.Equal(1, exit);
        Assert.Contains("job 100_0 ended CANCELLED before this unit finished; log ", errors.ToString());
        Assert.Contains("(not written)", errors.ToString());
        Assert.DoesNotContain("cannot see", errors.ToString());
    }

    [Fact]
    public async Task Cancelling_scancels_the_jobs_in_flight_and_skips_their_units_and_everything_after()
    {
        string artifacts = Path.Combine(Path.GetTempPath(), "agop-fake-slurm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var store = new ArtifactStore(artifacts);
            store.EnsureCreated();
            var a = Unit("a");
            var b = Unit("b");
            var c = Unit("c", a, b);
            var plan = new[] { a, b, c }.Select(u => new PlannedUnit(u, UnitAction.Run, "new")).ToList();
            var slurm = new FakeSlurm("RUNNING");
            using var cancel = new CancellationTokenSource();
            using var executor = Executor(store, slurm, artifacts);
            var run = Task.Run(() => new Scheduler(store, executor, NullObserver.Instance).Run(plan, cancel.Token));
            SpinWait.SpinUntil(() => slurm.Submissions.Count > 0, TimeSpan.FromSeconds(10));
            cancel.Cancel();
            var summary = await run;

            Assert.Equal(["100"], slurm.Cancellations.Single());
            Assert.All(summary.Results, r => Assert.Equal(UnitOutcome.Skipped, r.Outcome));
            Assert.Contains("job 100_0 cancelled", summary.Results.Single(r => r.Unit.Id == "a").Error);
            Assert.EndsWith("skipped 3", summary.LastLine);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
