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
                    results[skipped.Unit.Id] = new UnitResult(skipped.Unit, UnitOutcome.Blocked, skipped.Reason, TimeSpan.Zero, "not run: cancelled");
                    observer.UnitFinished(skipped.Unit, UnitOutcome.Blocked, TimeSpan.Zero, "not run: cancelled");
                }
                pending.Clear();
            }
            for (int i = 0; i < pending.Count && running.Count < Math.Max(1, jobs); i++)
            {
                var candidate = pending[i];
                var blockers = candidate.Unit.Inputs.Where(input => toRun.ContainsKey(input.Id)).ToList();
                if (blockers.Any(b => !results.ContainsKey(b.Id))) continue;
                pending.RemoveAt(i--);
                var failedInput = blockers.FirstOrDefault(b => results[b.Id].Outcome is UnitOutcome.Failed or UnitOutcome.Blocked);
                if (failedInput is not null)
                {
                    var blocked = new UnitResult(candidate.Unit, UnitOutcome.Blocked, candidate.Reason, TimeSpan.Zero, $"not run: input {failedInput.Id} failed");
                    results[candidate.Unit.Id] = blocked;
                    observer.UnitFinished(candidate.Unit, UnitOutcome.Blocked, TimeSpan.Zero, blocked.Error);
                    continue;
                }
                var planned = candidate;
                running[Task.Factory.StartNew(() => Execute(planned), CancellationToken.None,
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

    UnitResult Execute(PlannedUnit planned)
    {
        var unit = planned.Unit;
        var clock = Stopwatch.StartNew();
        observer.UnitStarted(unit);
        string temp = store.NewTempDirectory(unit);
        try
        {
            var context = new UnitContext(unit, temp, store, (f, s) => observer.UnitProgress(unit, f, s), threads);
            unit.Execute(context);
            store.Commit(unit, temp, clock.Elapsed.TotalSeconds, context.Measurements);
            observer.UnitFinished(unit, UnitOutcome.Ran, clock.Elapsed, null);
            return new UnitResult(unit, UnitOutcome.Ran, planned.Reason, clock.Elapsed, null);
        }
        catch (Exception e)
        {
            store.Discard(temp);
            string error = e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}";
            observer.UnitFinished(unit, UnitOutcome.Failed, clock.Elapsed, error);
            return new UnitResult(unit, UnitOutcome.Failed, planned.Reason, clock.Elapsed, error);
        }
    }
}
