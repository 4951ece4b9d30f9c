using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>How a Slurm run went, for the host's closing lines and the overhead measurement.</summary>
public sealed record SlurmRunStats(int Submissions, int Tasks, double MeanStartSeconds, string Folder);

/// <summary>
/// Runs bundles as Slurm jobs (<c>--executor slurm</c>): the bundles started at one moment go out as one job array (a task
/// per bundle), each task's event file and squeue tell what happened. A job that ends without reporting a unit ends its
/// bundle with the job id and its log; Ctrl+C scancels this run's jobs.
/// </summary>
public sealed class SlurmExecutor(ArtifactStore store, ISlurmClient slurm, SlurmRunFolder folder, SlurmJobOptions options, int jobs)
    : IExecutor
{
    /// <summary>A job start costs about a second (scheduler tick plus host start-up): the smallest bundle worth it.</summary>
    public const int MinUnitsPerJob = 16;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan QueueInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a cancelled run waits for Slurm to confirm its jobs ended.</summary>
    public TimeSpan CancelWait { get; init; } = TimeSpan.FromSeconds(30);

    sealed class ArrayTask(int bundleId, int submission, int index, string arrayJobId, IReadOnlyList<PlannedUnit> units, DateTime submittedAt,
        WorkerEventReader events)
    {
        public int BundleId { get; } = bundleId;
        public int Submission { get; } = submission;
        public int Index { get; } = index;
        public string ArrayJobId { get; } = arrayJobId;
        public string JobId => $"{ArrayJobId}_{Index}";
        public IReadOnlyList<PlannedUnit> Units { get; } = units;
        public HashSet<string> Reported { get; } = new(StringComparer.Ordinal);
        public WorkerEventReader Events { get; } = events;
        public DateTime SubmittedAt { get; } = submittedAt;
        public DateTime? FirstStart { get; set; }
        public bool Exited { get; set; }
    }

    readonly List<ArrayTask> _inFlight = [];
    readonly List<ArrayTask> _allTasks = [];
    readonly List<ExecutionEvent> _queued = [];
    int _submissions;
    string? _abort;
    bool _cancelled, _anyReport;
    DateTime _cancelledAt, _lastQueue = DateTime.MinValue;

    public int Slots => Math.Max(1, jobs);
    public IBundlePolicy Bundling { get; } = new ChainBundling(options.UnitsPerJob, MinUnitsPerJob, jobs);

    public SlurmRunStats Stats
    {
        get
        {
            var startWaits = _allTasks.Where(t => t.FirstStart is not null).Select(t => (t.FirstStart!.Value - t.SubmittedAt).TotalSeconds).ToList();
            return new SlurmRunStats(_submissions, _allTasks.Count, startWaits.Count > 0 ? startWaits.Average() : 0, folder.Path);
        }
    }

    public void Start(IReadOnlyList<ExecutionBundle> bundles)
    {
        int submission = _submissions++;
        var units = bundles.Select(b => b.Units).ToList();
        try
        {
            folder.WriteBundles(submission, units.Select(b => (IReadOnlyList<BundledUnit>)b.Select(p => new BundledUnit(p.Unit.Id, p.Unit.Key, p.Reason)).ToList()).ToList());
            string arrayId = slurm.Submit(options.Arguments(units), folder.JobScript, [submission.ToString()]);
            var now = DateTime.UtcNow;
            for (int t = 0; t < bundles.Count; t++)
            {
                var task = new ArrayTask(bundles[t].Id, submission, t, arrayId, bundles[t].Units, now, new WorkerEventReader(folder.EventFile(submission, t)));
                _inFlight.Add(task);
                _allTasks.Add(task);
            }
        }
        catch (Exception e) when (e is SlurmException or IOException or UnauthorizedAccessException)
        {
            string failure = $"submission failed: {e.Message}";
            _queued.Add(new ExecutorHaltedEvent("not submitted: " + failure));
            foreach (var bundle in bundles) _queued.Add(new BundleEndedEvent(bundle.Id, UnitOutcome.Failed, failure));
        }
    }

    public IReadOnlyList<ExecutionEvent> Next(CancellationToken wake)
    {
        while (true)
        {
            var events = new List<ExecutionEvent>(_queued);
            _queued.Clear();
            foreach (var task in _inFlight.ToList())
            {
                foreach (var e in task.Events.ReadNew()) Handle(task, e, events);
                if (task.Exited && task.Units.All(u => task.Reported.Contains(u.Unit.Id)))
                {
                    _inFlight.Remove(task);
                    events.Add(new BundleEndedEvent(task.BundleId, UnitOutcome.Failed, $"job {task.JobId} did not report this unit"));
                }
            }

            var now = DateTime.UtcNow;
            if (_inFlight.Count > 0 && now - _lastQueue >= QueueInterval)
            {
                _lastQueue = now;
                try
                {
                    var states = slurm.States(_inFlight.Select(t => t.ArrayJobId).Distinct().ToList());
                    foreach (var task in _inFlight.ToList())
                    {
                        states.TryGetValue(task.JobId, out var state);
                        // Absent: Slurm has forgotten the job (it ended long enough ago), or lists the array not yet split.
                        bool gone = state is null && !states.Keys.Any(k => k.StartsWith(task.ArrayJobId + "_[", StringComparison.Ordinal))
                                    && now - task.SubmittedAt > TimeSpan.FromSeconds(10);
                        if (state?.HasEnded == true || gone || task.Exited) Ended(task, state, events);
                    }
                }
                catch (SlurmException) when (!_cancelled) { } // squeue hiccup: ask again next interval
                catch (SlurmException) { foreach (var task in _inFlight.ToList()) Ended(task, null, events); }
            }
            if (_cancelled && _inFlight.Count > 0 && now - _cancelledAt > CancelWait)
                foreach (var task in _inFlight.ToList()) Ended(task, null, events);

            if (events.Count > 0 || _inFlight.Count == 0) return events;
            if (wake.WaitHandle.WaitOne(_cancelled ? TimeSpan.FromMilliseconds(200) : PollInterval)) return events;
        }
    }

    void Handle(ArrayTask task, WorkerEvent e, List<ExecutionEvent> events)
    {
        _anyReport = true;
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
                events.Add(new UnitStartedEvent(unit.Unit.Id));
                break;
            case WorkerEventKind.Progress:
                events.Add(new UnitProgressEvent(unit.Unit.Id, e.Fraction, e.Status));
                break;
            case WorkerEventKind.Finished:
                var outcome = e.Outcome ?? UnitOutcome.Failed;
                string? error = outcome == UnitOutcome.Failed ? $"{e.Error} (job {task.JobId}, log {folder.LogFile(task.ArrayJobId, task.Index)})" : e.Error;
                task.Reported.Add(unit.Unit.Id);
                events.Add(new UnitFinishedEvent(unit.Unit.Id, outcome, TimeSpan.FromSeconds(e.Seconds), error));
                break;
        }
    }

    void Ended(ArrayTask task, SlurmJobState? state, List<ExecutionEvent> events)
    {
        foreach (var e in task.Events.ReadNew()) Handle(task, e, events);
        _inFlight.Remove(task);
        string log = folder.LogFile(task.ArrayJobId, task.Index);
        if (_cancelled)
        {
            events.Add(new BundleEndedEvent(task.BundleId, UnitOutcome.Skipped, $"not run: cancelled (job {task.JobId} cancelled)"));
            return;
        }
        string how = state is null ? "ended" : $"ended {state.State}{(state.Reason is { Length: > 0 } and not "None" ? $" ({state.Reason})" : "")}";
        bool unreported = task.Units.Any(u => !task.Reported.Contains(u.Unit.Id));
        // No job of this run has said anything, and this one ended without even a log: its node cannot see the folder.
        // (Once any job has reported, the folder is evidently shared; a job cancelled while pending has no log either.)
        if (unreported && _abort is null && !_anyReport && state?.State != "CANCELLED" && !File.Exists(log)
            && !File.Exists(folder.EventFile(task.Submission, task.Index)))
        {
            _abort = $"job {task.JobId} {how} without writing its log {log}: the compute node cannot see the artifacts folder " +
                     $"'{store.Root}'. --executor slurm needs it on a filesystem shared by this host and the compute nodes";
            events.Add(new ExecutorHaltedEvent("not submitted: " + _abort));
        }
        events.Add(new BundleEndedEvent(task.BundleId, UnitOutcome.Failed, _abort is not null && !File.Exists(log) ? _abort
            : $"job {task.JobId} {how} before this unit finished; log {log}{(File.Exists(log) ? "" : " (not written)")}"));
    }

    public void Cancel()
    {
        _cancelled = true;
        _cancelledAt = DateTime.UtcNow;
        try
        {
            slurm.Cancel(_inFlight.Select(t => t.ArrayJobId).Distinct().ToList());
        }
        catch (SlurmException) { } // the jobs' ends are reported as units that did not finish
    }

    public void Dispose() { }
}
