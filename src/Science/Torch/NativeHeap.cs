using System.Runtime.InteropServices;

namespace Agop.Science.Torch;

/// <summary>
/// glibc's allocator, tuned for libtorch's many short-lived tensors of a few megabytes. By default glibc hands the top of
/// its heap back to the kernel as soon as 128 KiB lie free, and maps larger blocks afresh, so every step of a training
/// loop pays for page faults on memory it has just freed: a stacked CNN8by8 step took 25–55 ms instead of 10 ms
/// (ImageTrainingBenchmarks). Keeping up to 128 MiB of free heap, growing it 16 MiB at a time and mapping only blocks
/// over 32 MiB removes that (512 and 64 MiB were no faster: a TrainImage worker's peak went from 0.96–1.19 to 0.87–1.03 GB,
/// the default run's 40 trainings from 592 to 601 unit-seconds, within their spread). The price is memory: glibc's own (dynamic) thresholds cannot be restored, and a process
/// tuned this way held 3.5 GB where an untuned one held 1.9 GB for the same DeepSHAP ranking. So only CNN8by8 training
/// tunes its process, and a local worker that did ends after that bundle (the host starts a fresh one).
/// </summary>
public static class NativeHeap
{
    const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3;
    static int _done;

    /// <summary>Set to <c>default</c> to leave glibc's allocator as it is (e.g. to compare memory or speed).</summary>
    public const string Variable = "AGOP_NATIVE_HEAP";

    /// <returns>Whether glibc took every setting (false off Linux, or with another C library).</returns>
    public static bool Tune()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1 || !OperatingSystem.IsLinux()) return Tuned;
        if (Environment.GetEnvironmentVariable(Variable) == "default") return false;
        try
        {
            Tuned = MallOpt(TrimThreshold, 128 << 20) == 1 & MallOpt(TopPad, 16 << 20) == 1 & MallOpt(MmapThreshold, 32 << 20) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Tuned = false;
        }
        return Tuned;
    }

    /// <summary>Whether <see cref="Tune"/> took effect in this process, for the run's facts.</summary>
    public static bool Tuned { get; private set; }

    /// <summary>
    /// Hands the heap's free pages back to the kernel: glibc's malloc_trim(0), which releases free pages inside the heap
    /// too, not only at its top. Memory in use is untouched, so no result can change.
    /// </summary>
    /// <returns>Whether glibc released any memory (false off Linux, or with another C library).</returns>
    public static bool Release()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int MallOpt(int parameter, int value);
}
