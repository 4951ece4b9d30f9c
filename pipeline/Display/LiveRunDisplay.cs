using Agop.Pipeline.Engine;
using Spectre.Console;

namespace Agop.Pipeline.Display;

/// <summary>A live progress display for an interactive terminal: overall bar plus one bar per running unit.</summary>
public sealed class LiveRunDisplay
{
    public static RunSummary Run(Func<IRunObserver, RunSummary> work)
    {
        RunSummary? summary = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context => summary = work(new Observer(context)));
        return summary!;
    }

    sealed class Observer(ProgressContext context) : IRunObserver
    {
        readonly object _gate = new();
        readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        ProgressTask? _overall;

        public void Started(IReadOnlyList<PlannedUnit> plan)
        {
            int toRun = plan.Count(p => p.Action == UnitAction.Run);
            lock (_gate)
            {
                _overall = context.AddTask($"[bold]{toRun} to run, {plan.Count - toRun} up to date[/]", maxValue: Math.Max(1, toRun));
                if (toRun == 0) _overall.Value = 1;
            }
        }

        public void UnitStarted(WorkUnit unit)
        {
            lock (_gate) _tasks[unit.Id] = context.AddTask(Markup.Escape(unit.Id), maxValue: 1.0);
        }

        public void UnitProgress(WorkUnit unit, double fraction, string? status)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(unit.Id, out var task)) return;
                task.Value = fraction;
                task.Description = Markup.Escape(unit.Id + (status is null ? "" : "  " + status));
            }
        }

        public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error)
        {
            if (outcome == UnitOutcome.Reused) return;
            lock (_gate)
            {
                if (_tasks.Remove(unit.Id, out var task)) { task.Value = task.MaxValue; task.StopTask(); }
                _overall?.Increment(1);
                if (outcome == UnitOutcome.BuiltByAnotherRun) AnsiConsole.MarkupLine($"reused {Markup.Escape(unit.Id)} (built by another run)");
                else if (outcome == UnitOutcome.Skipped) AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(unit.Id)}: {Markup.Escape(error ?? "")}");
                else if (outcome != UnitOutcome.Ran) AnsiConsole.MarkupLine($"[red]FAILED[/] {Markup.Escape(unit.Id)}: {Markup.Escape(error ?? "")}");
            }
        }
    }
}
