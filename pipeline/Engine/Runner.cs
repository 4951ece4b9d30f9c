using System.Diagnostics;

namespace Agop.Pipeline.Engine;

/// <summary>
/// Runs the stale units of a plan, in dependency order, up to <c>jobs</c> at a time. A grouped unit (see
/// <see cref="WorkUnit.GroupKey"/>) starts together with every other ready unit of its group, in one call that takes one
/// of the <c>jobs</c> slots and the unit's <c>threads</c>, however many units it holds.
/// </summary>
public sealed class Runner(ArtifactStore store, int jobs, IRunObserver observer, int threads = 1)
{
    public RunSummary Run(IReadOnlyList<PlannedUnit> plan, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        store.CleanAbandonedTemp();
        observer.Started(plan);
        var results = new Dictionary<string, UnitResult>(StringComparer.Ordinal);
        var toRun = plan.Where(p => p.Action == UnitAction.Run).ToDictionary(p => p.Unit.Id, StringComparer.Ordinal);
        foreach (var reused in plan.Where(p => p.Action == UnitAction.Reuse))
        {
            results[reused.Unit.Id] = new UnitResult(reused.Unit, UnitOutcome.Reused, reused.Reason, TimeSpan.Zero, null);
            observer.UnitFinished(reused.Unit, UnitOutcome.Reused, TimeSpan.Zero, null);
        }

        List<WorkUnit> Blockers(PlannedUnit candidate) => candidate.Unit.Inputs.Where(input => toRun.ContainsKey(input.Id)).ToList();
        bool CanStart(PlannedUnit candidate) =>
            Blockers(candidate).All(b => results.TryGetValue(b.Id, out var r) && r.Outcome is UnitOutcome.Ran or UnitOutcome.BuiltByAnotherRun);

        var running = new HashSet<Task<IReadOnlyList<UnitResult>>>();
        var pending = plan.Where(p => p.Action == UnitAction.Run).ToList();
        while (pending.Count > 0 || running.Count > 0)
        {
            if (cancellation.IsCancellationRequested)
            {
                // Stop starting units; the running ones finish and commit.
                foreach (var skipped in pending)
                {
                    results[skipped.Unit.Id] = new UnitResult(skipped.Unit, UnitOutcome.Skipped, skipped.Reason, TimeSpan.Zero, "not run: cancelled");
                    observer.UnitFinished(skipped.Unit, UnitOutcome.Skipped, TimeSpan.Zero, "not run: cancelled");
                }
                pending.Clear();
            }
            for (int i = 0; i < pending.Count && running.Count < Math.Max(1, jobs); i++)
            {
                var candidate = pending[i];
                var blockers = Blockers(candidate);
                if (blockers.Any(b => !results.ContainsKey(b.Id))) continue;
                pending.RemoveAt(i--);
                var missingInput = blockers.FirstOrDefault(b => results[b.Id].Outcome is UnitOutcome.Failed or UnitOutcome.Blocked or UnitOutcome.Skipped);
                if (missingInput is not null)
                {
                    bool skipped = results[missingInput.Id].Outcome == UnitOutcome.Skipped;
                    var outcome = skipped ? UnitOutcome.Skipped : UnitOutcome.Blocked;
                    var notRun = new UnitResult(candidate.Unit, outcome, candidate.Reason, TimeSpan.Zero,
                        $"not run: input {missingInput.Id} {(skipped ? "skipped" : "failed")}");
                    results[candidate.Unit.Id] = notRun;
                    observer.UnitFinished(candidate.Unit, outcome, TimeSpan.Zero, notRun.Error);
                    continue;
                }
                var planned = candidate;
                if (planned.Unit.IsGrouped)
                {
                    var group = new List<PlannedUnit> { planned };
                    for (int j = 0; j < pending.Count; j++)
                    {
                        if (pending[j].Unit.GroupKey != planned.Unit.GroupKey || !pending[j].Unit.IsGrouped || !CanStart(pending[j])) continue;
                        group.Add(pending[j]);
                        if (j <= i) i--;
                        pending.RemoveAt(j--);
                    }
                    running.Add(Task.Factory.StartNew(() => ExecuteGroup(group, cancellation), CancellationToken.None,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default));
                    continue;
                }
                running.Add(Task.Factory.StartNew<IReadOnlyList<UnitResult>>(() => [Execute(planned, cancellation)], CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default));
            }
            if (running.Count == 0) continue;
            var done = Task.WhenAny(running).GetAwaiter().GetResult();
            running.Remove(done);
            foreach (var result in done.GetAwaiter().GetResult()) results[result.Unit.Id] = result;
        }
        var ordered = plan.Select(p => results[p.Unit.Id]).ToList();
        return new RunSummary(ordered, clock.Elapsed);
    }

    UnitResult Execute(PlannedUnit planned, CancellationToken cancellation)
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
            unit.Execute(context);
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
    /// <see cref="Execute"/> for the units of one group: each is locked, rechecked, given its own temp folder and committed on
    /// its own; the group body runs once for those still to build, and if it throws, each of them fails with its message.
    /// Each unit's recorded time is its share of the group's; the manifest also records the group's size and time.
    /// </summary>
    IReadOnlyList<UnitResult> ExecuteGroup(IReadOnlyList<PlannedUnit> group, CancellationToken cancellation)
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
            if (members.Count > 0) members[0].Planned.Unit.GroupExecute!(members.Select(m => m.Context).ToList());
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
