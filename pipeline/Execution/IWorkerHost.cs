namespace Agop.Pipeline.Execution;

/// <summary>
/// What a worker loop (<see cref="Local.LocalWorker"/>, <see cref="Slurm.SlurmWorker"/>) needs from the program it runs in: the
/// program's own plan of the host's request, and its runtime (libtorch and its native heap), which the engine does not know.
/// </summary>
public interface IWorkerHost
{
    /// <summary>The request planned exactly as the host planned it.</summary>
    /// <exception cref="Config.ConfigException">The config no longer loads as it did for the host (or a <see cref="FormatException"/>,
    /// <see cref="ArgumentException"/>, <see cref="IOException"/>, <see cref="UnauthorizedAccessException"/> or
    /// <see cref="InvalidDataException"/> reading it).</exception>
    WorkerPlan Plan(WorkerRequest request, Settings.Executor executor);

    /// <summary>Whether <paramref name="e"/> is the runtime's own failure (libtorch's): it fails the bundle's units, not the worker.</summary>
    bool IsRuntimeFailure(Exception e);

    /// <summary>Whether this process's native heap was tuned (for training), so that it must not build other units.</summary>
    bool NativeHeapTuned { get; }

    /// <summary>Hands back to the system the native heap pages this process no longer uses.</summary>
    void ReleaseNativeHeap();
}
