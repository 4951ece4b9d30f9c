using Agop.Pipeline.Execution.InProcess;
using Agop.Pipeline.Execution;

namespace Agop.Pipeline.Engine;

/// <summary>
/// Runs the stale units of a plan in this process, up to <c>jobs</c> at a time: the <see cref="Scheduler"/> on the
/// <see cref="InProcessExecutor"/>. A grouped unit (see <see cref="WorkUnit.GroupKey"/>) starts together with every other
/// ready unit of its group, in one call that takes one of the <c>jobs</c> slots and the unit's <c>threads</c>.
/// </summary>
public sealed class Runner(ArtifactStore store, int jobs, IRunObserver observer, int threads = 1)
{
    public RunSummary Run(IReadOnlyList<PlannedUnit> plan, CancellationToken cancellation = default)
    {
        using var executor = new InProcessExecutor(store, jobs, threads);
        return new Scheduler(store, executor, observer).Run(plan, cancellation);
    }
}
