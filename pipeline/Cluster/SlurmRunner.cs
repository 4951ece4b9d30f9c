using System.Diagnostics;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Cluster;

/// <summary>How a Slurm run went, for the host's closing lines and the overhead measurement.</summary>
public sealed record SlurmRunStats(int Submissions, int Tasks, double MeanStartSeconds, string Folder);

/// <summary>
/// Runs the stale units of a plan as Slurm jobs: bundles of ready units go out as job arrays (one task per bundle,
/// at most <c>jobs</c> tasks in flight), dependents go out as their inputs commit, and each job's event file feeds the
/// same observer the local runner drives. A job that ends without reporting a unit fails that unit with the job id
/// and its log; its dependents are blocked. Cancellation scancels this run's jobs and keeps what committed.
/// </summary>
public sealed class SlurmRunner(ArtifactStore store, ISlurmClient slurm, SlurmRunFolder folder, SlurmJobOptions options,
    int jobs, IRunObserver observer)
{
    /// <summary>A job start costs about a second (scheduler tick plus host start-up): the smallest bundle worth it.</summary>
    public const int MinUnitsPerJob = 16;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan QueueInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a cancelled run waits for Slurm to confirm its jobs ended.</summary>
    public TimeSpan CancelWait { get; init; } = TimeSpan.FromSeconds(30);

    public SlurmRunStats? Stats { get; private set; }

    sealed class ArrayTask(int submission, int index, string arrayJobId, IReadOnlyList<PlannedUnit> units, WorkerEventReader events, DateTime submittedAt)
    {
        public int Submission { get; } = submission;
        public int Index { get; } = index;
        public string ArrayJobId { get; } = arrayJobId;
        public string JobId => $"{ArrayJobId}_{Index}";
        public IReadOnlyList<PlannedUnit> Units { get; } = units;
        public WorkerEventReader Events { get; } = events;
        public DateTime SubmittedAt { get; } = submittedAt;
        public DateTime? FirstStart { get; set; }
        public bool Exited { get; set; }
    }

    public RunSummary Run(IReadOnlyList<PlannedUnit> plan, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        observer.Started(plan);
        var results = new Dictionary<string, UnitResult>(StringComparer.Ordinal);
        foreach (var reused in plan.Where(p => p.Action == UnitAction.Reuse))
        {
            results[reused.Unit.Id] = new UnitResult(reused.Unit, UnitOutcome.Reused, reused.Reason, TimeSpan.Zero, null);
            observer.UnitFinished(reused.Unit, UnitOutcome.Reused, TimeSpan.Zero, null);
        }
        var toRun = plan.Where(p => p.Action == UnitAction.Run).ToDictionary(p => p.Unit.Id, StringComparer.Ordinal);
        var pending = toRun.Values.ToList();
        var inFlight = new List<ArrayTask>();
        var allTasks = new List<ArrayTask>();
        var started = new HashSet<string>(StringComparer.Ordinal);
        int submissions = 0;
        string? abort = null;
        bool cancelled = false, anyReport = false;
        DateTime cancelledAt = default, lastQueue = DateTime.MinValue;

        void Finish(PlannedUnit p, UnitOutcome outcome, TimeSpan elapsed, string? error)
        {
            if (results.ContainsKey(p.Unit.Id)) return;
            results[p.Unit.Id] = new UnitResult(p.Unit, outcome, p.Reason, elapsed, error);
            if (outcome is UnitOutcome.Ran or UnitOutcome.BuiltByAnotherRun) store.Forget(p.Unit);
            observer.UnitFinished(p.Unit, outcome, elapsed, error);
        }

        bool IsBuilt(string id) => results.TryGetValue(id, out var r) && r.Outcome is UnitOutcome.Ran or UnitOutcome.Reused or UnitOutcome.BuiltByAnotherRun;

        void Handle(ArrayTask task, WorkerEvent e)
        {
            anyReport = true;
            if (e.Kind == WorkerEventKind.Exit)
            {
                task.Exited = true;
                return;
            }
            var unit = task.Units.FirstOrDefault(u => u.Unit.Id == e.Unit);
            if (unit is null) return;
            switch (e.Kind)
            {
                case WorkerEventKind.Started:
                    task.FirstStart ??= DateTime.UtcNow;
                    if (started.Add(unit.Unit.Id)) observer.UnitStarted(unit.Unit);
                    break;
                case WorkerEventKind.Progress:
                    observer.UnitProgress(unit.Unit, e.Fraction, e.Status);
                    break;
                case WorkerEventKind.Finished:
                    var outcome = e.Outcome ?? UnitOutcome.Failed;
                    string? error = outcome == UnitOutcome.Failed ? $"{e.Error} (job {task.JobId}, log {folder.LogFile(task.ArrayJobId, task.Index)})" : e.Error;
                    Finish(unit, outcome, TimeSpan.FromSeconds(e.Seconds), error);
                    break;
            }
        }

        void Ended(ArrayTask task, SlurmJobState? state)
        {
            foreach (var e in task.Events.ReadNew()) Handle(task, e);
            inFlight.Remove(task);
            var unfinished = task.Units.Where(u => !results.ContainsKey(u.Unit.Id)).ToList();
            if (unfinished.Count == 0) return;
            string log = folder.LogFile(task.ArrayJobId, task.Index);
            string how = state is null ? "ended" : $"ended {state.State}{(state.Reason is { Length: > 0 } and not "None" ? $" ({state.Reason})" : "")}";
            if (cancelled)
            {
                foreach (var u in unfinished) Finish(u, UnitOutcome.Skipped, TimeSpan.Zero, $"not run: cancelled (job {task.JobId} cancelled)");
                return;
            }
            // No job of this run has said anything, and this one ended without even a log: its node cannot see the folder.
            // (Once any job has reported, the folder is evidently shared; a job cancelled while pending has no log either.)
            if (!anyReport && state?.State != "CANCELLED" && !File.Exists(log) && !File.Exists(folder.EventFile(task.Submission, task.Index)))
                abort ??= $"job {task.JobId} {how} without writing its log {log}: the compute node cannot see the artifacts folder " +
                          $"'{store.Root}'. --executor slurm needs it on a filesystem shared by this host and the compute nodes";
            foreach (var u in unfinished)
            {
                // The job may have committed the unit and died before saying so.
                if (store.Recheck(u.Unit).State == ArtifactState.Valid) Finish(u, UnitOutcome.Ran, TimeSpan.Zero, null);
                else Finish(u, UnitOutcome.Failed, TimeSpan.Zero, abort is not null && !File.Exists(log) ? abort
                    : $"job {task.JobId} {how} before this unit finished; log {log}{(File.Exists(log) ? "" : " (not written)")}");
            }
        }

        while (pending.Count > 0 || inFlight.Count > 0)
        {
            if (cancellation.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                cancelledAt = DateTime.UtcNow;
                var ids = inFlight.Select(t => t.ArrayJobId).Distinct().ToList();
                try
                {
                    slurm.Cancel(ids);
                }
                catch (SlurmException) { } // reported below as units that did not finish
            }
            // Units whose inputs failed (or were not run) will not run either.
            for (int i = 0; i < pending.Count; i++)
            {
                var blocker = pending[i].Unit.Inputs.FirstOrDefault(input => toRun.ContainsKey(input.Id) && results.TryGetValue(input.Id, out var r)
                    && r.Outcome is UnitOutcome.Failed or UnitOutcome.Blocked or UnitOutcome.Skipped);
                if (blocker is null && !cancelled && abort is null) continue;
                var p = pending[i];
                pending.RemoveAt(i--);
                if (blocker is not null)
                {
                    bool skipped = results[blocker.Id].Outcome == UnitOutcome.Skipped;
                    Finish(p, skipped ? UnitOutcome.Skipped : UnitOutcome.Blocked, TimeSpan.Zero,
                        $"not run: input {blocker.Id} {(skipped ? "skipped" : "failed")}");
                }
                else if (cancelled) Finish(p, UnitOutcome.Skipped, TimeSpan.Zero, "not run: cancelled");
                else Finish(p, UnitOutcome.Blocked, TimeSpan.Zero, "not submitted: " + abort);
            }

            int free = Math.Max(1, jobs) - inFlight.Count;
            if (free > 0 && pending.Count > 0 && !cancelled && abort is null)
            {
                // Spread what is left over the job slots, so one long bundle does not leave the other slots idle, but not so
                // thin that the tail of the run becomes a trickle of tiny jobs that each pay a job start.
                int spread = (pending.Count + Math.Max(1, jobs) - 1) / Math.Max(1, jobs);
                int perJob = Math.Min(options.UnitsPerJob, Math.Max(spread, MinUnitsPerJob));
                var bundles = Bundler.Next(pending, IsBuilt, toRun.ContainsKey, free, perJob);
                if (bundles.Count > 0)
                {
                    int submission = submissions++;
                    foreach (var p in bundles.SelectMany(b => b)) pending.Remove(p);
                    try
                    {
                        folder.WriteBundles(submission, bundles.Select(b => (IReadOnlyList<BundledUnit>)b.Select(p => new BundledUnit(p.Unit.Id, p.Unit.Key, p.Reason)).ToList()).ToList());
                        string arrayId = slurm.Submit(options.Arguments(bundles), folder.JobScript, [submission.ToString()]);
                        var now = DateTime.UtcNow;
                        for (int t = 0; t < bundles.Count; t++)
                        {
                            var task = new ArrayTask(submission, t, arrayId, bundles[t], new WorkerEventReader(folder.EventFile(submission, t)), now);
                            inFlight.Add(task);
                            allTasks.Add(task);
                        }
                    }
                    catch (Exception e) when (e is SlurmException or IOException or UnauthorizedAccessException)
                    {
                        abort = $"submission failed: {e.Message}";
                        foreach (var p in bundles.SelectMany(b => b)) Finish(p, UnitOutcome.Failed, TimeSpan.Zero, abort);
                    }
                }
            }

            foreach (var task in inFlight.ToList())
            {
                foreach (var e in task.Events.ReadNew()) Handle(task, e);
                if (task.Exited && task.Units.All(u => results.ContainsKey(u.Unit.Id))) inFlight.Remove(task);
            }

            var nowUtc = DateTime.UtcNow;
            if (inFlight.Count > 0 && nowUtc - lastQueue >= QueueInterval)
            {
                lastQueue = nowUtc;
                try
                {
                    var states = slurm.States(inFlight.Select(t => t.ArrayJobId).Distinct().ToList());
                    foreach (var task in inFlight.ToList())
                    {
                        states.TryGetValue(task.JobId, out var state);
                        // Absent: Slurm has forgotten the job (it ended long enough ago), or lists the array not yet split.
                        bool gone = state is null && !states.Keys.Any(k => k.StartsWith(task.ArrayJobId + "_[", StringComparison.Ordinal))
                                    && nowUtc - task.SubmittedAt > TimeSpan.FromSeconds(10);
                        if (state?.HasEnded == true || gone || task.Exited) Ended(task, state);
                    }
                }
                catch (SlurmException) when (!cancelled) { } // squeue hiccup: ask again next interval
                catch (SlurmException) { foreach (var task in inFlight.ToList()) Ended(task, null); }
            }
            if (cancelled && inFlight.Count > 0 && nowUtc - cancelledAt > CancelWait)
                foreach (var task in inFlight.ToList()) Ended(task, null);

            if (pending.Count > 0 || inFlight.Count > 0)
                cancellation.WaitHandle.WaitOne(cancelled ? TimeSpan.FromMilliseconds(200) : PollInterval);
        }

        var startWaits = allTasks.Where(t => t.FirstStart is not null).Select(t => (t.FirstStart!.Value - t.SubmittedAt).TotalSeconds).ToList();
        Stats = new SlurmRunStats(submissions, allTasks.Count, startWaits.Count > 0 ? startWaits.Average() : 0, folder.Path);
        var ordered = plan.Select(p => results[p.Unit.Id]).ToList();
        return new RunSummary(ordered, clock.Elapsed);
    }
}
