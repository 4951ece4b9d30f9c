using Agop.Pipeline.Cluster;
using Agop.Pipeline.Engine;

namespace Agop.Build.Cli;

/// <summary>Turns a job's run events into lines of its event file, which the submitting host follows.</summary>
sealed class WorkerObserver(WorkerEventWriter events) : IRunObserver
{
    static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    readonly Dictionary<string, DateTime> _lastProgress = new(StringComparer.Ordinal);

    public void Started(IReadOnlyList<PlannedUnit> plan) { }

    public void UnitStarted(WorkUnit unit) => events.Write(new WorkerEvent(WorkerEventKind.Started, unit.Id));

    public void UnitProgress(WorkUnit unit, double fraction, string? status)
    {
        var now = DateTime.UtcNow;
        lock (_lastProgress)
        {
            if (_lastProgress.TryGetValue(unit.Id, out var last) && now - last < ProgressEvery) return;
            _lastProgress[unit.Id] = now;
        }
        events.Write(new WorkerEvent(WorkerEventKind.Progress, unit.Id, Fraction: fraction, Status: status));
    }

    public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error) =>
        events.Write(new WorkerEvent(WorkerEventKind.Finished, unit.Id, outcome, elapsed.TotalSeconds, Error: error));
}
