using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.InProcess;

/// <summary>
/// Builds each bundle on a thread of this process (<c>--executor inproc</c>): a unit, or the ready units of one group in
/// one call of its body. Fast to start, but a native crash in one unit ends the whole process.
/// </summary>
public sealed class InProcessExecutor(ArtifactStore store, int jobs, int threads) : IExecutor
{
    readonly EventQueue _events = new();
    readonly CancellationTokenSource _cancel = new();
    readonly List<Task> _running = [];

    public int Slots => Math.Max(1, jobs);
    public IBundlePolicy Bundling { get; } = new UnitOrGroupBundling();

    public void Start(IReadOnlyList<ExecutionBundle> bundles)
    {
        foreach (var bundle in bundles)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(Task.Factory.StartNew(() => Build(bundle), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
    }

    void Build(ExecutionBundle bundle)
    {
        string error = "ended without a result";
        try
        {
            var builder = new UnitBuilder(store, threads, new EventPoster(_events));
            if (bundle.Units.Any(p => p.Unit.IsGrouped)) builder.BuildGroup(bundle.Units, _cancel.Token);
            else
                foreach (var planned in bundle.Units) builder.Build(planned, _cancel.Token);
        }
        catch (Exception e)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            _events.Post(new BundleEndedEvent(bundle.Id, UnitOutcome.Failed, error));
        }
    }

    public IReadOnlyList<ExecutionEvent> Next(CancellationToken wake) => _events.Take(wake);

    public void Cancel() => _cancel.Cancel();

    public void Dispose()
    {
        Task.WaitAll(_running.ToArray());
        _cancel.Dispose();
        _events.Dispose();
    }

    /// <summary>A builder's reports, as events for the scheduler's thread.</summary>
    sealed class EventPoster(EventQueue events) : IRunObserver
    {
        public void Started(IReadOnlyList<PlannedUnit> plan) { }
        public void UnitStarted(WorkUnit unit) => events.Post(new UnitStartedEvent(unit.Id));
        public void UnitProgress(WorkUnit unit, double fraction, string? status) => events.Post(new UnitProgressEvent(unit.Id, fraction, status));
        public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error) =>
            events.Post(new UnitFinishedEvent(unit.Id, outcome, elapsed, error));
    }
}
