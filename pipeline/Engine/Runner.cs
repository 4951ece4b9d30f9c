using System.Diagnostics;

namespace Agop.Pipeline.Engine;

/// <summary>Runs the stale units of a plan, in dependency order, up to <c>jobs</c> at a time.</summary>
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

        var running = new Dictionary<Task<UnitResult>, PlannedUnit>();
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
                var blockers = candidate.Unit.Inputs.Where(input => toRun.ContainsKey(input.Id)).ToList();
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
                running[Task.Factory.StartNew(() => Execute(planned, cancellation), CancellationToken.None,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default)] = planned;
            }
            if (running.Count == 0) continue;
            var done = Task.WhenAny(running.Keys).GetAwaiter().GetResult();
            running.Remove(done);
            var result = done.GetAwaiter().GetResult();
            results[result.Unit.Id] = result;
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
