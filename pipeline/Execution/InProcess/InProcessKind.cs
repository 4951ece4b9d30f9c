using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.InProcess;

/// <summary><c>--executor inproc</c>: units on the host's own threads; nothing to check, nothing to say after.</summary>
public sealed class InProcessKind(int jobs, int threads) : IExecutorKind
{
    public string? Problem() => null;

    public IExecutor Create(ArtifactStore store, WorkerRequest request) => new InProcessExecutor(store, jobs, threads);

    public string? Close(IExecutor executor, bool succeeded) => null;
}
