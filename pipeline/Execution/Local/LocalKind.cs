using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// <c>--executor local</c>: worker processes of this host (<c>--worker &lt;run folder&gt;</c>) under a run folder in the store; after a
/// successful run the folder (only logs) is removed, after a failure it is kept and the failures name it.
/// </summary>
public sealed class LocalKind(IReadOnlyList<string> hostCommand, int jobs) : IExecutorKind
{
    public string? Problem() => null;

    public IExecutor Create(ArtifactStore store, WorkerRequest request)
    {
        var folder = LocalRunFolder.CreateUnder(store.Root);
        folder.WriteRequest(request);
        return new LocalExecutor(folder, hostCommand, jobs);
    }

    public string? Close(IExecutor executor, bool succeeded)
    {
        if (succeeded && executor is LocalExecutor local) TryDelete(local.Folder.Path);
        return null;
    }

    static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            if (!Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Any()) Directory.Delete(Path.GetDirectoryName(folder)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // only logs: harmless to keep
    }
}
