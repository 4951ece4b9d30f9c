namespace Agop.Pipeline.Settings;

/// <summary>
/// What <c>--jobs auto</c> and <c>--threads auto</c> resolve to on a machine with a given number of cores.
/// On cpu every core is used: one torch thread per unit up to 8 cores, two beyond (so 16 cores run 8 units × 2 threads,
/// half the worker processes, each holding its own libtorch and data). On cuda the units share the device, so at most
/// 4 run at once and the cores are split among them. A number given for one of the two is kept and the other fills
/// the cores around it.
/// </summary>
public static class AutoParallelism
{
    /// <summary>Overrides the detected core count (a positive integer), e.g. to plan for another machine or in tests.</summary>
    public const string CoresVariable = "AGOP_CORES";

    /// <summary>The most units sharing one cuda device.</summary>
    public const int MaxCudaJobs = 4;

    /// <summary>Beyond this many cores, auto gives each cpu unit two torch threads.</summary>
    public const int SingleThreadCores = 8;

    /// <param name="jobs">The number asked for, or null for auto.</param>
    /// <param name="threads">The number asked for, or null for auto.</param>
    public static (int Jobs, int Threads) Resolve(int cores, string device, int? jobs, int? threads)
    {
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), cores, "cores must be positive");
        bool cuda = string.Equals(device, "cuda", StringComparison.OrdinalIgnoreCase);
        int j = jobs ?? (threads is { } t
            ? Math.Max(1, cores / t)
            : cuda ? Math.Min(cores, MaxCudaJobs) : Math.Max(1, cores / (cores > SingleThreadCores ? 2 : 1)));
        if (cuda && jobs is null) j = Math.Min(j, MaxCudaJobs);
        int th = threads ?? Math.Max(1, cores / j);
        return (j, th);
    }

    /// <summary>The core count: <see cref="CoresVariable"/> when set (and the source says so), else what this process may use
/// (<see cref="Environment.ProcessorCount"/>, which honours CPU affinity and container limits; the source is then empty).</summary>
    public static (int Cores, string Source) Cores(Func<string, string?> environment)
    {
        if (environment(CoresVariable) is not { Length: > 0 } value) return (Environment.ProcessorCount, "");
        return int.TryParse(value.Trim(), out int n) && n >= 1 ? (n, $"from {CoresVariable}")
            : throw new FormatException($"{CoresVariable} must be a positive integer, got '{value}' (from environment variable {CoresVariable})");
    }
}
