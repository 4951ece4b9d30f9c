using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>Units the scheduler hands to an executor in one piece; an executor builds them in the order given.</summary>
public sealed record ExecutionBundle(int Id, IReadOnlyList<PlannedUnit> Units);

/// <summary>
/// Where units run (this process, worker processes, Slurm jobs). An executor only starts bundles, reports what happens to
/// their units and can cancel; the <see cref="Scheduler"/> decides what runs when, and what a run's outcome is.
/// </summary>
public interface IExecutor : IDisposable
{
    /// <summary>Bundles that may be in flight at once.</summary>
    int Slots { get; }

    /// <summary>How this executor wants ready units cut into bundles.</summary>
    IBundlePolicy Bundling { get; }

    /// <summary>Starts the bundles (at most the free slots); what happens to them arrives through <see cref="Next"/>.</summary>
    void Start(IReadOnlyList<ExecutionBundle> bundles);

    /// <summary>
    /// The events since the last call: waits until there is at least one, <paramref name="wake"/> is cancelled, or the
    /// executor's own polling interval has passed (then the list may be empty).
    /// </summary>
    IReadOnlyList<ExecutionEvent> Next(CancellationToken wake);

    /// <summary>Stop what can be stopped (Ctrl+C): bundles in flight still end with a <see cref="BundleEndedEvent"/>.</summary>
    void Cancel();
}
