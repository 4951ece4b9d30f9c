using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Display;

/// <summary>One line per event, for redirected output and CI logs.</summary>
/// <param name="history">Seconds per unit by stage from earlier runs, for the time-left estimate (see <see cref="EtaEstimator"/>).</param>
/// <param name="costs">The shipped seconds per unit of a recorded run (see <see cref="UnitCostModel"/>), for the same estimate.</param>
public sealed class PlainRunDisplay(TextWriter output, Verbosity verbosity, int jobs, IReadOnlyDictionary<string, double>? history = null,
    UnitCostModel? costs = null) : IRunObserver
{
    readonly object _gate = new();
    readonly EtaEstimator _eta = new(jobs, history, costs);
    readonly Dictionary<string, (double Fraction, DateTime At)> _lastProgress = new(StringComparer.Ordinal);
    List<(string Id, string Stage)> _remaining = [];
    int _toRun;
    int _done;

    public void Started(IReadOnlyList<PlannedUnit> plan)
    {
        lock (_gate)
        {
            _remaining = plan.Where(p => p.Action == UnitAction.Run).Select(p => (p.Unit.Id, p.Unit.Stage)).ToList();
            _toRun = _remaining.Count;
            if (verbosity != Verbosity.Quiet)
                output.WriteLine($"plan: {_toRun} to run, {plan.Count - _toRun} up to date");
        }
    }

    public void UnitStarted(WorkUnit unit)
    {
        if (verbosity == Verbosity.Diagnostic) Write($"start  {unit.Id} [{unit.ShortKey}]");
    }

    public void UnitProgress(WorkUnit unit, double fraction, string? status)
    {
        if (verbosity == Verbosity.Quiet) return;
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_lastProgress.TryGetValue(unit.Id, out var last) && fraction - last.Fraction < 0.25 && (now - last.At).TotalSeconds < 10) return;
            _lastProgress[unit.Id] = (fraction, now);
            output.WriteLine($"       {unit.Id} {fraction:P0}{(status is null ? "" : " " + status)}");
        }
    }

    public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error)
    {
        lock (_gate)
        {
            if (outcome == UnitOutcome.Reused)
            {
                if (verbosity == Verbosity.Diagnostic) output.WriteLine($"reused {unit.Id} [{unit.ShortKey}]");
                return;
            }
            _done++;
            _remaining.Remove((unit.Id, unit.Stage));
            if (outcome == UnitOutcome.Ran) _eta.Finished(unit.Id, unit.Stage, elapsed);
            string eta = _done < _toRun ? ", " + _eta.Describe(_remaining) : "";
            if (outcome == UnitOutcome.Ran && verbosity != Verbosity.Quiet)
                output.WriteLine($"[{_done}/{_toRun}] ran {unit.Id} in {elapsed.TotalSeconds:0.0}s{eta}");
            else if (outcome == UnitOutcome.BuiltByAnotherRun && verbosity != Verbosity.Quiet)
                output.WriteLine($"[{_done}/{_toRun}] reused {unit.Id} (built by another run)");
            else if (outcome == UnitOutcome.Skipped)
                output.WriteLine($"[{_done}/{_toRun}] skipped {unit.Id}: {error}");
            else if (outcome is UnitOutcome.Failed or UnitOutcome.Blocked)
                output.WriteLine($"[{_done}/{_toRun}] FAILED {unit.Id}: {error}");
        }
    }

    void Write(string line)
    {
        lock (_gate) output.WriteLine(line);
    }
}
