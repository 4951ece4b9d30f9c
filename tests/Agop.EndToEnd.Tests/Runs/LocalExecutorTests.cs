using System.Text.RegularExpressions;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// The smoke config built with local worker processes, then again while one worker is crashed with SIGSEGV in the middle
/// of a unit, then rebuilt: the crash fails only that worker's units (and what needs them). (TwoRunsDrillTests compares a
/// build by workers with an in-process one.)
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashedWorkerRuns : IDisposable
{
    public CrashedWorkerRuns()
    {
        string root = RepoRoot.Find();
        string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        string[] Args(string artifacts, string executor) =>
            ["--config", Path.Combine(root, "configs", "smoke.yaml"), "--artifacts", artifacts, "--set", $"data.dir={data}",
             "--jobs", "2", "--threads", "1", "--verbosity", "quiet", "--executor", executor];

        Clean = TinyExperiment.RunHost(Args(CleanFolder, "local"));
        var crashed = Task.Factory.StartNew(() => TinyExperiment.RunHost(Args(CrashedFolder, "local")), TaskCreationOptions.LongRunning);
        Crash = WorkerCrash.KillOneAtWork(CrashedFolder, crashed, TimeSpan.FromMinutes(5));
        Crashed = crashed.Wait(TimeSpan.FromMinutes(10)) ? crashed.Result : throw new TimeoutException("the crashed run did not end");
        Rerun = TinyExperiment.RunHost(Args(CrashedFolder, "local"));
    }

    public string CleanFolder { get; } = Temp("clean");
    public string CrashedFolder { get; } = Temp("crashed");
    public (int Exit, string Output, string Errors) Clean { get; }
    public WorkerCrash.Crash? Crash { get; }
    public (int Exit, string Output, string Errors) Crashed { get; }
    public (int Exit, string Output, string Errors) Rerun { get; }

    static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"agop-local-{name}-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        foreach (var dir in new[] { CleanFolder, CrashedFolder })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

[Trait("Category", "Slow")]
public class LocalExecutorTests(CrashedWorkerRuns runs) : IClassFixture<CrashedWorkerRuns>
{
    static Dictionary<string, string> DataHashes(string artifacts)
    {
        string store = Path.Combine(artifacts, "store");
        return Directory.GetFiles(store, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(store, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("/manifest.json", StringComparison.Ordinal) && !f.StartsWith("report/", StringComparison.Ordinal))
            .ToDictionary(f => f, f => ArtifactStore.HashFile(Path.Combine(store, f)));
    }

    static (int Ran, int Reused, int Failed) Counts(string output)
    {
        var last = Regex.Match(TinyExperiment.LastLine(output), @"^ran (\d+), reused (\d+), failed (\d+)$");
        Assert.True(last.Success, output);
        return (int.Parse(last.Groups[1].Value), int.Parse(last.Groups[2].Value), int.Parse(last.Groups[3].Value));
    }

    [Fact]
    public void A_worker_crashed_by_sigsegv_fails_the_units_it_was_building_with_its_pid_signal_and_log_and_the_run_goes_on()
    {
        Assert.True(runs.Clean.Exit == 0, runs.Clean.Errors);
        var crash = runs.Crash;
        Assert.True(crash is not null, "no worker was caught building a unit");
        Assert.Equal(1, runs.Crashed.Exit);

        var failures = runs.Crashed.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("failed: ", StringComparison.Ordinal)).ToList();
        // .NET's runtime may answer a SIGSEGV that lands in native code by aborting (its fault handler calls abort()), so the
        // signal that ended the worker is SIGSEGV or the SIGABRT it caused; either way the line must name the one that did.
        string[] expected = ["SIGSEGV", "SIGABRT"];
        Assert.True(expected.Any(signal => failures.Contains($"failed: {crash.Unit}: worker {crash.Pid} ended by {signal}; log {crash.Log}")),
            $"no line 'failed: {crash.Unit}: worker {crash.Pid} ended by SIGSEGV (or SIGABRT); log {crash.Log}' in:\n{runs.Crashed.Errors}");
        Assert.True(File.Exists(crash.Log));
        Assert.StartsWith(Path.Combine(runs.CrashedFolder, "runs"), crash.Log);
        // Only the crashed worker's units failed; whatever needed them was blocked; everything else was built.
        Assert.All(failures, line => Assert.Matches($@"^failed: \S+: (worker {crash.Pid} ended by SIG(SEGV|ABRT); log |not run: input \S+ failed$)", line));
        var (ran, reused, failed) = Counts(runs.Crashed.Output);
        var (all, _, _) = Counts(runs.Clean.Output);
        Assert.Equal(0, reused);
        Assert.Equal(failures.Count, failed);
        Assert.Equal(all, ran + failed);
        Assert.True(ran > failed, runs.Crashed.Output);
    }

    [Fact]
    public void After_a_worker_crash_a_rerun_builds_only_what_failed_and_all_data_are_byte_identical_to_a_clean_build()
    {
        Assert.True(runs.Rerun.Exit == 0, runs.Rerun.Errors);
        var (_, _, failed) = Counts(runs.Crashed.Output);
        var (ran, reused, _) = Counts(runs.Rerun.Output);
        Assert.Equal(failed, ran);
        Assert.True(reused > 0);
        var left = Directory.GetDirectories(Path.Combine(runs.CrashedFolder, "tmp")).Select(Path.GetFileName).ToList();
        Assert.True(left.Count == 0, "temp folders left after the rerun: " + string.Join(", ", left));

        var expected = DataHashes(runs.CleanFolder);
        var actual = DataHashes(runs.CrashedFolder);
        Assert.True(expected.Count > 100, $"only {expected.Count} data files");
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.DoesNotContain(expected.Keys, k => expected[k] != actual[k]);
    }

    [Fact]
    public void Units_built_by_local_workers_record_executor_local_as_in_process_units_do_and_a_clean_run_keeps_no_run_folder()
    {
        var environments = Directory.GetFiles(Path.Combine(runs.CleanFolder, "store"), Manifest.FileName, SearchOption.AllDirectories)
            .Select(f => Manifest.TryRead(f)!.Environment).ToList();
        Assert.NotEmpty(environments);
        Assert.All(environments, env => Assert.Equal("local", env["executor"]));
        Assert.All(environments, env => Assert.False(env.ContainsKey("slurm_job_id")));
        Assert.False(Directory.Exists(Path.Combine(runs.CleanFolder, "runs")));
    }

    [Fact]
    public void A_worker_that_tuned_its_heap_for_a_cnn_training_retires_and_the_run_goes_on_in_fresh_workers()
    {
        var manifests = Directory.GetFiles(Path.Combine(runs.CleanFolder, "store"), Manifest.FileName, SearchOption.AllDirectories)
            .Select(f => Manifest.TryRead(f)!).ToList();
        var trainings = manifests.Where(m => m.Stage == "TrainImage").ToList();
        Assert.NotEmpty(trainings);
        if (OperatingSystem.IsLinux()) Assert.All(trainings, m => Assert.Equal(1, m.Measurements["native_heap_tuned"]));
        Assert.Equal(0, Counts(runs.Clean.Output).Failed);
    }
}
