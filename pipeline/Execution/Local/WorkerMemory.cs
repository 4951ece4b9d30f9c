using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// A local worker's memory between bundles. A worker builds hundreds of units one after another, and what libtorch and the
/// runtime freed stays in the process (glibc keeps freed heap, the GC keeps tensors it has not finalized), so a worker
/// that had done ROAR's retrainings held 1.9 GB while building units that need a few hundred MiB. After a bundle that
/// leaves it over <see cref="ReleaseAboveMb"/>, the worker collects garbage (running the finalizers of tensors nothing
/// disposed) and hands its free heap pages back (<see cref="IWorkerHost.ReleaseNativeHeap"/>); if it still holds more than the limit
/// (<see cref="LimitVariable"/>, default <see cref="DefaultLimitMb"/> MiB), it retires and the host starts a fresh one.
/// A worker whose heap was tuned for CNN8by8 training always retires.
/// </summary>
public static class WorkerMemory
{
    public const string LimitVariable = "AGOP_WORKER_RSS_LIMIT_MB";
    public const double DefaultLimitMb = 1024;
    public const double ReleaseAboveMb = 512;

    /// <returns>Why the worker should retire after this bundle, or null to go on.</returns>
    public static string? AfterBundle(IWorkerHost host) =>
        AfterBundle(host.NativeHeapTuned, PeakMemory.Process.Resident, () => Release(host),
            Limit(Environment.GetEnvironmentVariable(LimitVariable)));

    /// <param name="resident">The process's resident MiB now, or null where the system does not say.</param>
    /// <param name="release">Gives back what the process no longer uses.</param>
    public static string? AfterBundle(bool heapTuned, Func<double?> resident, Action release, double limitMb)
    {
        if (heapTuned) return "its native heap was tuned for training";
        if (resident() is not { } before || before <= ReleaseAboveMb) return null;
        release();
        return resident() is { } after && after > limitMb
            ? $"it holds {after:0} MiB after giving back its free memory (over the {limitMb:0} MiB limit, {LimitVariable})"
            : null;
    }

    /// <returns>The limit in MiB from the variable's text; the default where it is unset or not a positive number.</returns>
    public static double Limit(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double mb) && mb > 0
            ? mb : DefaultLimitMb;

    static void Release(IWorkerHost host)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        host.ReleaseNativeHeap();
    }
}
