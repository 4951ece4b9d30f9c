using System.Runtime.InteropServices;

namespace Agop.Science.Torch;

/// <summary>
/// MKL, which libtorch's CPU matmul calls, rounds some kernels (a matmul with one column: AGOP-IxG with K = 1) differently
/// depending on the memory alignment of its input, so a unit's bytes could depend on what its process allocated before.
/// Its strict conditional-numerical-reproducibility mode removes that. MKL reads the variable once, at its first call, so
/// this runs before any tensor work of a process; .NET keeps its own copy of the environment on Unix, so it is set natively too.
/// </summary>
public static class ReproducibleMath
{
    public const string Variable = "MKL_CBWR";
    public const string Mode = "AUTO,STRICT";
    static int _done;

    /// <summary>Sets <see cref="Variable"/> for this process and its children, unless the user set it.</summary>
    public static void Enable()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 }) return;
        Environment.SetEnvironmentVariable(Variable, Mode);
        if (!OperatingSystem.IsWindows()) _ = SetEnv(Variable, Mode, 0);
    }

    /// <summary>The mode in force, for the run's facts.</summary>
    public static string Current => Environment.GetEnvironmentVariable(Variable) ?? "unset";

    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    static extern int SetEnv(string name, string value, int overwrite);
}
