using System.Diagnostics;
using System.Reflection;

namespace Agop.Pipeline.Engine;

/// <summary>
/// Whether the project's code runs JIT-optimized: every loaded <c>Agop.*</c> assembly was compiled with optimizations
/// (Directory.Build.props sets <c>Optimize</c> in every configuration, so the README's <c>dotnet run</c> runs optimized code).
/// </summary>
public static class CodeOptimization
{
    /// <summary>A run that plans more units than the smoke config and runs unoptimized code says so once.</summary>
    public const int WarnAboveUnits = 300;

    public static bool IsOptimized => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name?.StartsWith("Agop.", StringComparison.Ordinal) == true)
        .All(IsOptimizedAssembly);

    public static bool IsOptimizedAssembly(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    /// <summary>The warning line for an unoptimized run of <paramref name="unitsToRun"/> units; null when none is due.</summary>
    public static string? Warning(int unitsToRun, bool optimized) => optimized || unitsToRun <= WarnAboveUnits ? null
        : $"warning: this build's code is not optimized (a Debug build without <Optimize>), so {unitsToRun} units will run slower " +
          "(the hand-written kernels about 1.5-2.4x); build with -c Release or keep Directory.Build.props' Optimize=true";
}
