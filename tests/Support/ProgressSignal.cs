using Agop.Pipeline.Engine;

namespace Agop.Tests.Support;

/// <summary>An observer that completes <see cref="Seen"/> when a unit reports progress whose status contains <c>text</c>.</summary>
public sealed class ProgressSignal(string text) : IRunObserver
{
    readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => _seen.Task;

    public void Started(IReadOnlyList<PlannedUnit> plan) { }
    public void UnitStarted(WorkUnit unit) { }
    public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error) { }

    public void UnitProgress(WorkUnit unit, double fraction, string? status)
    {
        if (status?.Contains(text, StringComparison.Ordinal) == true) _seen.TrySetResult();
    }
}
