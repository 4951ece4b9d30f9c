using System.Collections.Concurrent;

namespace Agop.Pipeline.Execution;

/// <summary>Events posted by an executor's threads, taken in order by the scheduler's thread.</summary>
sealed class EventQueue : IDisposable
{
    readonly BlockingCollection<ExecutionEvent> _events = new();

    public void Post(ExecutionEvent e) => _events.Add(e);

    /// <summary>Waits for the first event (until <paramref name="wake"/> is cancelled), then takes every event already there.</summary>
    public IReadOnlyList<ExecutionEvent> Take(CancellationToken wake)
    {
        var taken = new List<ExecutionEvent>();
        try
        {
            if (_events.TryTake(out var first, Timeout.Infinite, wake)) taken.Add(first);
        }
        catch (OperationCanceledException)
        {
            return taken;
        }
        while (_events.TryTake(out var more)) taken.Add(more);
        return taken;
    }

    public void Dispose() => _events.Dispose();
}
