using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>The scheduler's record of one run: each unit's result, told to the observer once.</summary>
sealed class RunState
{
    readonly ArtifactStore _store;
    readonly IRunObserver _observer;
    readonly Dictionary<string, PlannedUnit> _toRun;
    readonly Dictionary<string, UnitResult> _results = new(StringComparer.Ordinal);
    readonly HashSet<string> _started = new(StringComparer.Ordinal);

    public RunState(IReadOnlyList<PlannedUnit> plan, ArtifactStore store, IRunObserver observer)
    {
        _store = store;
        _observer = observer;
        _toRun = plan.Where(p => p.Action == UnitAction.Run).ToDictionary(p => p.Unit.Id, StringComparer.Ordinal);
        foreach (var reused in plan.Where(p => p.Action == UnitAction.Reuse))
        {
            _results[reused.Unit.Id] = new UnitResult(reused.Unit, UnitOutcome.Reused, reused.Reason, TimeSpan.Zero, null);
            observer.UnitFinished(reused.Unit, UnitOutcome.Reused, TimeSpan.Zero, null);
        }
    }

    public bool IsPlanned(string id) => _toRun.ContainsKey(id);

    /// <summary>The planned unit of that id while it has no result yet, else null.</summary>
    public PlannedUnit? Planned(string id) => _toRun.TryGetValue(id, out var p) && !_results.ContainsKey(id) ? p : null;

    public bool IsBuilt(string id) =>
        _results.TryGetValue(id, out var r) && r.Outcome is UnitOutcome.Ran or UnitOutcome.Reused or UnitOutcome.BuiltByAnotherRun;

    public bool HasNotBuilt(string id) =>
        _results.TryGetValue(id, out var r) && r.Outcome is UnitOutcome.Failed or UnitOutcome.Blocked or UnitOutcome.Skipped;

    public UnitOutcome? Outcome(string id) => _results.TryGetValue(id, out var r) ? r.Outcome : null;

    public UnitResult Result(string id) => _results[id];

    public void Started(string id)
    {
        if (Planned(id) is { } p && _started.Add(id)) _observer.UnitStarted(p.Unit);
    }

    public void Progress(string id, double fraction, string? status)
    {
        if (Planned(id) is { } p) _observer.UnitProgress(p.Unit, fraction, status);
    }

    public void Finish(PlannedUnit p, UnitOutcome outcome, TimeSpan elapsed, string? error)
    {
        if (!_results.TryAdd(p.Unit.Id, new UnitResult(p.Unit, outcome, p.Reason, elapsed, error))) return;
        // Another process may have committed it: what this process remembers of the store must not hide that.
        if (outcome is UnitOutcome.Ran or UnitOutcome.BuiltByAnotherRun) _store.Forget(p.Unit);
        _observer.UnitFinished(p.Unit, outcome, elapsed, error);
    }

    /// <summary>
    /// Settles the units of an ended bundle that were not reported: one whose artifact is in the store was committed
    /// before its executor could say so (a forced one is not trusted that way: its old folder would pass).
    /// </summary>
    public void EndBundle(ExecutionBundle bundle, UnitOutcome unfinished, string error)
    {
        foreach (var p in bundle.Units.Where(p => !_results.ContainsKey(p.Unit.Id)))
        {
            if (p.Reason != Planner.ForcedReason && _store.Recheck(p.Unit).State == ArtifactState.Valid)
                Finish(p, UnitOutcome.Ran, TimeSpan.Zero, null);
            else
                Finish(p, unfinished, TimeSpan.Zero, error);
        }
    }
}
