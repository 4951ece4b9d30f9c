using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// A Slurm job's side of <c>--executor slurm</c>: plan exactly as the submitting host did, then build this task's bundle
/// of units with the in-process runner against the shared artifacts folder, reporting each unit in the task's event file.
/// </summary>
public static class SlurmWorker
{
    public static int Run(string runFolder, int submission, TextWriter errors, IWorkerHost host)
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
            Build(request, bundle, events, jobId, errors, host);
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
                                      or InvalidDataException || host.IsRuntimeFailure(e))
        {
            // Units already reported keep their outcome; the submitting host fails the rest with this job's log.
            errors.WriteLine($"error: {e.Message}");
            foreach (var entry in bundle)
                events.Write(new WorkerEvent(WorkerEventKind.Finished, entry.Id, UnitOutcome.Failed, Error: e.Message, JobId: jobId));
        }
        events.Write(new WorkerEvent(WorkerEventKind.Exit, null, JobId: jobId));
        return 0;
    }

    static void Build(WorkerRequest request, IReadOnlyList<BundledUnit> bundle, WorkerEventWriter events, string jobId, TextWriter errors,
        IWorkerHost host)
    {
        var plan = host.Plan(request, Executor.Slurm);
        var runnable = plan.Check(bundle,
            (id, outcome, error) => events.Write(new WorkerEvent(WorkerEventKind.Finished, id, outcome, Error: error, JobId: jobId)),
            "this job",
            (input, detail) => $"input {input} is not in the artifacts folder '{plan.Store.Root}' as node {Environment.MachineName} sees it " +
                               $"({detail}); the folder must be shared");
        if (runnable.Count == 0) return;
        plan.PrepareRuntime([("executor", "slurm"), ("slurm_job_id", jobId),
            ("slurm_node", Environment.GetEnvironmentVariable("SLURMD_NODENAME") ?? Environment.MachineName)]);
        var summary = new Runner(plan.Store, 1, new WorkerObserver(events), plan.Settings.Threads).Run(runnable);
        foreach (var failure in summary.Results.Where(r => r.Outcome is UnitOutcome.Failed))
            errors.WriteLine($"failed: {failure.Unit.Id}: {failure.Error}");
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
