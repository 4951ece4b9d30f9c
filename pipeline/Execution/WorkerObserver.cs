using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// Turns a worker's run events into event lines the host follows (a Slurm job's event file, a local worker's stdout), and,
/// given a log, notes each unit's start and end there, so a worker's log says what it was doing when it died.
/// </summary>
public sealed class WorkerObserver(WorkerEventWriter events, TextWriter? log = null) : IRunObserver
{
    static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);
    readonly Dictionary<string, DateTime> _lastProgress = new(StringComparer.Ordinal);

    public void Started(IReadOnlyList<PlannedUnit> plan) { }

    public void UnitStarted(WorkUnit unit)
    {
        log?.WriteLine($"started {unit.Id} [{unit.ShortKey}]");
        events.Write(new WorkerEvent(WorkerEventKind.Started, unit.Id));
    }

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

    public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error)
    {
        log?.WriteLine($"finished {unit.Id}: {outcome} in {elapsed.TotalSeconds:0.00}s{(error is null ? "" : ": " + error)}");
        events.Write(new WorkerEvent(WorkerEventKind.Finished, unit.Id, outcome, elapsed.TotalSeconds, Error: error));
    }
}
