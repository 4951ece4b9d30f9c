using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// One kind of executor (<c>--executor inproc|local|slurm</c>), in its own folder under <c>pipeline/Execution</c>: the check before any
/// work, how it starts, and what it says and cleans up when the run is over. <see cref="ExecutorKinds"/> is the registry.
/// </summary>
public interface IExecutorKind
{
    /// <summary>Why the run cannot use this executor (the user's problem, in one line), checked before any work; null when it can.</summary>
    string? Problem();

    /// <summary>The executor of a run that builds units; <paramref name="request"/> is what a worker needs to plan as the host did.</summary>
    IExecutor Create(ArtifactStore store, WorkerRequest request);

    /// <summary>After the run: its closing line (null: none), having removed what only a failure needs kept.</summary>
    string? Close(IExecutor executor, bool succeeded);
}
