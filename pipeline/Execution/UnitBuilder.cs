using System.Diagnostics;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// Builds units in this process: under the unit's lock, recheck the store (another run may have built it), run the
/// unit's code into a private temp folder and commit it, its peak memory among the manifest's measurements (see
/// <see cref="PeakMemory"/>). Whatever goes wrong is the unit's outcome, never an exception.
/// </summary>
public sealed class UnitBuilder(ArtifactStore store, int threads, IRunObserver observer)
{
    public UnitResult Build(PlannedUnit planned, CancellationToken cancellation)
    {
        var unit = planned.Unit;
        var clock = Stopwatch.StartNew();
        observer.UnitStarted(unit);
        string? temp = null;
        try
        {
            // Another run on this store may be building the same unit: wait for it, then use its artifact.
            using var unitLock = store.LockUnit(unit, cancellation, () => observer.UnitProgress(unit, 0, "waiting for another run building it"));
            if (planned.Reason != Planner.ForcedReason && store.Recheck(unit).State == ArtifactState.Valid)
                return Finish(planned, UnitOutcome.BuiltByAnotherRun, clock.Elapsed, null);
            temp = NewTempDirectory(unit);
            var context = new UnitContext(unit, temp, store, (f, s) => observer.UnitProgress(unit, f, s), threads);
            using (var memory = PeakMemory.Process.Begin())
            {
                unit.Execute(context);
                if (memory.End() is { } peak) context.Record(peak.Name, peak.Megabytes);
            }
            store.Commit(unit, temp, clock.Elapsed.TotalSeconds, context.Measurements);
            return Finish(planned, UnitOutcome.Ran, clock.Elapsed, null);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            if (temp is not null) store.Discard(temp);
            return Finish(planned, UnitOutcome.Skipped, clock.Elapsed, "not run: cancelled");
        }
        catch (Exception e)
        {
            if (temp is not null) store.Discard(temp);
            return Finish(planned, UnitOutcome.Failed, clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// <see cref="Build"/> for the units of one group: each is locked, rechecked, given its own temp folder and committed on
    /// its own; the group body runs once for those still to build, and if it throws, each of them fails with its message.
    /// Each unit's recorded time is its share of the group's; the manifest also records the group's size and time, and the
    /// group's peak memory (see <see cref="PeakMemory"/>).
    /// </summary>
    public IReadOnlyList<UnitResult> BuildGroup(IReadOnlyList<PlannedUnit> group, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        foreach (var planned in group) observer.UnitStarted(planned.Unit);
        var results = new Dictionary<string, UnitResult>(StringComparer.Ordinal);
        var locks = new List<StoreLock>();
        var members = new List<(PlannedUnit Planned, string Temp, UnitContext Context)>();
        void FinishRest(UnitOutcome outcome, string error)
        {
            foreach (var (planned, temp, _) in members.Where(m => !results.ContainsKey(m.Planned.Unit.Id))) store.Discard(temp);
            foreach (var planned in group.Where(p => !results.ContainsKey(p.Unit.Id)))
                results[planned.Unit.Id] = Finish(planned, outcome, clock.Elapsed, error);
        }
        try
        {
            // In key order, so that two runs on one store locking overlapping groups cannot each wait for the other.
            foreach (var unit in group.Select(p => p.Unit).OrderBy(u => u.Key, StringComparer.Ordinal))
                locks.Add(store.LockUnit(unit, cancellation, () => observer.UnitProgress(unit, 0, "waiting for another run building it")));
            foreach (var planned in group)
            {
                var unit = planned.Unit;
                if (planned.Reason != Planner.ForcedReason && store.Recheck(unit).State == ArtifactState.Valid)
                {
                    results[unit.Id] = Finish(planned, UnitOutcome.BuiltByAnotherRun, clock.Elapsed, null);
                    continue;
                }
                string temp = NewTempDirectory(unit);
                members.Add((planned, temp, new UnitContext(unit, temp, store, (f, s) => observer.UnitProgress(unit, f, s), threads)));
            }
            if (members.Count > 0)
            {
                // The group's units run together: each records the group's peak.
                using var memory = PeakMemory.Process.Begin();
                members[0].Planned.Unit.GroupExecute!(members.Select(m => m.Context).ToList());
                if (memory.End() is { } peak)
                    foreach (var member in members) member.Context.Record(peak.Name, peak.Megabytes);
            }
            var share = members.Count > 0 ? clock.Elapsed / members.Count : TimeSpan.Zero;
            foreach (var (planned, temp, context) in members)
            {
                try
                {
                    context.Record("group_units", members.Count);
                    context.Record("group_seconds", clock.Elapsed.TotalSeconds);
                    store.Commit(planned.Unit, temp, share.TotalSeconds, context.Measurements);
                    results[planned.Unit.Id] = Finish(planned, UnitOutcome.Ran, share, null);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    store.Discard(temp);
                    results[planned.Unit.Id] = Finish(planned, UnitOutcome.Failed, share, $"{e.GetType().Name}: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            FinishRest(UnitOutcome.Skipped, "not run: cancelled");
        }
        catch (Exception e)
        {
            FinishRest(UnitOutcome.Failed, $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            foreach (var unitLock in locks) unitLock.Dispose();
        }
        return group.Select(p => results[p.Unit.Id]).ToList();
    }

    UnitResult Finish(PlannedUnit planned, UnitOutcome outcome, TimeSpan elapsed, string? error)
    {
        observer.UnitFinished(planned.Unit, outcome, elapsed, error);
        return new UnitResult(planned.Unit, outcome, planned.Reason, elapsed, error);
    }

    string NewTempDirectory(WorkUnit unit)
    {
        try
        {
            return store.NewTempDirectory(unit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot create a temp folder under {Path.Combine(store.Root, "tmp")}: {e.Message}", e);
        }
    }
}
