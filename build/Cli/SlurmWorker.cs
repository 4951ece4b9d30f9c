using Agop.Build.Config;
using Agop.Pipeline.Cluster;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Torch;

namespace Agop.Build.Cli;

/// <summary>
/// A Slurm job's side of <c>--executor slurm</c>: plan exactly as the submitting host did, then build this task's bundle
/// of units with the local runner against the shared artifacts folder, reporting each unit in the task's event file.
/// </summary>
static class SlurmWorker
{
    public static int Run(string runFolder, int submission, TextWriter errors, MethodCatalog methods)
    {
        var folder = new SlurmRunFolder(runFolder);
        if (!File.Exists(folder.RequestFile))
        {
            errors.WriteLine($"error: node {Environment.MachineName} cannot see {folder.RequestFile}: --executor slurm needs the artifacts " +
                             "folder on a filesystem shared by the submitting host and the compute nodes");
            return 3;
        }
        int task = int.TryParse(Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID"), out int t) ? t : 0;
        var request = folder.ReadRequest();
        var bundle = folder.ReadBundles(submission)[task];
        using var events = new WorkerEventWriter(folder.EventFile(submission, task));
        string jobId = JobId();
        errors.WriteLine($"job {jobId} on {Environment.MachineName}: {bundle.Count} units of submission {submission}");
        try
        {
            Build(request, bundle, events, jobId, errors, methods);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
                                      or LibTorchException or InvalidDataException)
        {
            // Units already reported keep their outcome; the submitting host fails the rest with this job's log.
            errors.WriteLine($"error: {e.Message}");
            foreach (var entry in bundle)
                events.Write(new WorkerEvent(WorkerEventKind.Finished, entry.Id, UnitOutcome.Failed, Error: e.Message, JobId: jobId));
        }
        events.Write(new WorkerEvent(WorkerEventKind.Exit, null, JobId: jobId));
        return 0;
    }

    static void Build(SlurmRequest request, IReadOnlyList<BundledUnit> bundle, WorkerEventWriter events, string jobId, TextWriter errors,
        MethodCatalog methods)
    {
        var settings = RunnerSettings.Defaults with
        {
            ArtifactsDirectory = request.ArtifactsDirectory, Jobs = 1, Threads = request.Threads, Device = request.Device,
            LibTorch = request.LibTorch, Executor = Executor.Slurm,
        };
        var config = ConfigLoader.Load(ExperimentSchema.Create(methods), request.ConfigPath, request.Sets);
        ExperimentSchema.CheckConsistency(config);
        var graph = Host.CreateGraph(methods);
        var plan = graph.PlanUnits(graph.Find(request.Target), new Pipeline.Targets.PlanContext(config, settings, new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot)));
        var store = new ArtifactStore(settings.ArtifactsDirectory);

        void Fail(string id, UnitOutcome outcome, string error) =>
            events.Write(new WorkerEvent(WorkerEventKind.Finished, id, outcome, Error: error, JobId: jobId));

        var runnable = new List<PlannedUnit>();
        var notRun = new HashSet<string>(StringComparer.Ordinal);
        var bundled = bundle.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in bundle)
        {
            if (!plan.TryGetUnit(entry.Id, out var unit) || unit.Key != entry.Key)
            {
                Fail(entry.Id, UnitOutcome.Failed, $"this job plans {entry.Id} with another key than the submitting host " +
                                                   "(the config, its data or the build changed after submission); run again");
                notRun.Add(entry.Id);
                continue;
            }
            var blocked = unit.Inputs.FirstOrDefault(i => notRun.Contains(i.Id));
            if (blocked is not null)
            {
                Fail(entry.Id, UnitOutcome.Blocked, $"not run: input {blocked.Id} failed");
                notRun.Add(entry.Id);
                continue;
            }
            var missing = unit.Inputs.FirstOrDefault(i => !bundled.Contains(i.Id) && store.Verify(i).State != ArtifactState.Valid);
            if (missing is not null)
            {
                Fail(entry.Id, UnitOutcome.Failed, $"input {missing.Id} is not in the artifacts folder '{store.Root}' as node " +
                                                   $"{Environment.MachineName} sees it ({store.Verify(missing).Detail}); the folder must be shared");
                notRun.Add(entry.Id);
                continue;
            }
            runnable.Add(new PlannedUnit(unit, UnitAction.Run, entry.Reason));
        }

        if (runnable.Count > 0)
        {
            if (settings.LibTorch.Length > 0) ExternalLibTorch.Load(settings.LibTorch);
            store.EnsureCreated();
            foreach (var (name, value) in TorchRuntime.Facts(settings.Threads, settings.Device)) RunEnvironment.Set(name, value);
            RunEnvironment.Set("executor", "slurm");
            RunEnvironment.Set("slurm_job_id", jobId);
            RunEnvironment.Set("slurm_node", Environment.GetEnvironmentVariable("SLURMD_NODENAME") ?? Environment.MachineName);
            var summary = new Runner(store, 1, new WorkerObserver(events), settings.Threads).Run(runnable);
            foreach (var failure in summary.Results.Where(r => r.Outcome is UnitOutcome.Failed))
                errors.WriteLine($"failed: {failure.Unit.Id}: {failure.Error}");
        }
    }

    /// <summary>"array_task" for an array task, else the plain job id; "local" outside Slurm.</summary>
    static string JobId()
    {
        string? array = Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID");
        string? index = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        if (array is { Length: > 0 } && index is { Length: > 0 }) return $"{array}_{index}";
        return Environment.GetEnvironmentVariable("SLURM_JOB_ID") ?? "local";
    }
}
