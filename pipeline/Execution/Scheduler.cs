using System.Diagnostics;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// Runs the stale units of a plan on an executor, whichever it is. The scheduler owns the ready set, blocking (a unit
/// whose input failed is Blocked; one whose input was skipped is Skipped), bundling (by the executor's policy), Ctrl+C,
/// the progress the observer sees and the results; the executor only starts bundles and reports on their units.
/// </summary>
public sealed class Scheduler(ArtifactStore store, IExecutor executor, IRunObserver observer)
{
    public RunSummary Run(IReadOnlyList<PlannedUnit> plan, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        store.CleanAbandonedTemp();
        observer.Started(plan);
        var run = new RunState(plan, store, observer);
        var pending = plan.Where(p => p.Action == UnitAction.Run).ToList();
        var inFlight = new Dictionary<int, ExecutionBundle>();
        int bundles = 0;
        bool cancelled = false;
        string? halted = null;

        while (pending.Count > 0 || inFlight.Count > 0)
        {
            if (!cancelled && cancellation.IsCancellationRequested)
            {
                cancelled = true; // no new bundles; those in flight finish (or are stopped by the executor) and keep what committed
                executor.Cancel();
            }
            SettleUnrunnable(pending, run, cancelled, halted);

            if (!cancelled && halted is null && inFlight.Count < executor.Slots)
            {
                var ready = executor.Bundling.Next(pending, run.IsBuilt, run.IsPlanned, executor.Slots - inFlight.Count);
                var started = ready.Where(b => b.Count > 0).Select(b => new ExecutionBundle(bundles++, b)).ToList();
                if (started.Count > 0)
                {
                    foreach (var bundle in started)
                    {
                        inFlight[bundle.Id] = bundle;
                        foreach (var p in bundle.Units) pending.Remove(p);
                    }
                    executor.Start(started);
                }
            }
            if (inFlight.Count == 0)
            {
                if (pending.Count > 0 && !cancelled && halted is null)
                    throw new InvalidOperationException($"no unit can start: {pending[0].Unit.Id} waits for inputs that are not planned before it");
                continue;
            }

            // Once Ctrl+C is seen, waking on it again would spin.
            foreach (var e in executor.Next(cancelled ? CancellationToken.None : cancellation))
            {
                switch (e)
                {
                    case UnitStartedEvent s:
                        run.Started(s.UnitId);
                        break;
                    case UnitProgressEvent p:
                        run.Progress(p.UnitId, p.Fraction, p.Status);
                        break;
                    case UnitFinishedEvent f:
                        if (run.Planned(f.UnitId) is { } unit) run.Finish(unit, f.Outcome, f.Elapsed, f.Error);
                        break;
                    case BundleEndedEvent b when inFlight.Remove(b.BundleId, out var bundle):
                        run.EndBundle(bundle, b.Unfinished, b.Error);
                        break;
                    case ExecutorHaltedEvent h:
                        halted ??= h.ErrorForUnstarted;
                        break;
                }
            }
        }
        store.CleanAbandonedTemp(); // what a worker that died during this run left
        return new RunSummary(plan.Select(p => run.Result(p.Unit.Id)).ToList(), clock.Elapsed);
    }

    /// <summary>Takes out the pending units that will not run: their inputs failed or were skipped, Ctrl+C, or the executor halted.</summary>
    static void SettleUnrunnable(List<PlannedUnit> pending, RunState run, bool cancelled, string? halted)
    {
        // Pending is in dependency order, so a unit settled here is seen by its dependents later in the same pass.
        for (int i = 0; i < pending.Count; i++)
        {
            var p = pending[i];
            var blocker = p.Unit.Inputs.FirstOrDefault(input => run.IsPlanned(input.Id) && run.HasNotBuilt(input.Id));
            if (blocker is null && !cancelled && halted is null) continue;
            pending.RemoveAt(i--);
            if (blocker is not null)
            {
                bool skipped = run.Outcome(blocker.Id) == UnitOutcome.Skipped;
                run.Finish(p, skipped ? UnitOutcome.Skipped : UnitOutcome.Blocked, TimeSpan.Zero,
                    $"not run: input {blocker.Id} {(skipped ? "skipped" : "failed")}");
            }
            else if (cancelled) run.Finish(p, UnitOutcome.Skipped, TimeSpan.Zero, "not run: cancelled");
            else run.Finish(p, UnitOutcome.Blocked, TimeSpan.Zero, halted!);
        }
    }
}
