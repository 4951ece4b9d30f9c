using System.Text.Json;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;
using Agop.Science.Torch;
using TorchSharp;

namespace Agop.Build.Cli;

/// <summary>
/// The run facts that can change a torch unit's bits (<see cref="KeyFacts"/>), as the host and every worker compute them from the runner
/// settings alone, without loading libtorch (a dry run stays fast): TorchSharp's version, libtorch's version and origin (the build's bundled
/// copy, from its .deps.json, or the --libtorch folder's version.py), MKL's reproducibility mode, and the torch threads of each unit.
/// </summary>
public static class RunFacts
{
    /// <summary>Every unit that computes with torch calls <see cref="TorchRuntime.Unit"/> first; its file marks the units the facts can change.</summary>
    public const string TorchMarker = "src/Science/Torch/TorchRuntime.cs";

    public static KeyFacts Of(RunnerSettings settings, IReadOnlyDictionary<string, string>? toolchain = null) =>
        new(TorchMarker, toolchain ?? Toolchain(settings.LibTorch), settings.Threads);

    public static IReadOnlyDictionary<string, string> Toolchain(string libTorchFolder)
    {
        bool external = libTorchFolder.Length > 0;
        return new Dictionary<string, string>
        {
            ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            ["libtorch"] = external ? ExternalLibTorch.VersionOf(Path.GetFullPath(libTorchFolder)) : BundledLibTorch(),
            ["libtorch_origin"] = external ? "external (--libtorch)" : "bundled with the build",
            [ReproducibleMath.Variable.ToLowerInvariant()] = Environment.GetEnvironmentVariable(ReproducibleMath.Variable) is { Length: > 0 } set ? set : ReproducibleMath.Mode,
        };
    }

    /// <summary>The libtorch package this build bundles ("libtorch-cpu 2.10.0"), from its .deps.json; "none" for an external-libtorch build.</summary>
    static string BundledLibTorch() => Bundled.Value;

    static readonly Lazy<string> Bundled = new(() =>
    {
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json").Order(StringComparer.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            if (!json.RootElement.TryGetProperty("libraries", out var libraries)) continue;
            foreach (var library in libraries.EnumerateObject())
            {
                var parts = library.Name.Split('/');
                if (parts.Length == 2 && parts[0].StartsWith("libtorch-", StringComparison.Ordinal) && parts[0].Count(c => c == '-') == 1)
                    return $"{parts[0]} {parts[1]}";
            }
        }
        return "none";
    });
}
