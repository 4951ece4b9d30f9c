using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Agop.Science.Torch;

/// <summary>A libtorch folder that cannot be used: the message names the folder, the version found and what is missing.</summary>
public sealed class LibTorchException(string message) : Exception(message);

/// <summary>
/// Bring-your-own libtorch: loads libc10, libtorch_cpu (and the CUDA libraries when present) and libtorch from a folder such as a
/// PyTorch install's <c>torch/lib</c>, then TorchSharp's binding, before TorchSharp initialises; TorchSharp then binds to them.
/// Needs a build without bundled libtorch (<c>-p:TorchBackend=external</c>): two copies of libtorch in one process do not mix.
/// </summary>
public static partial class ExternalLibTorch
{
    static readonly string[] Required = ["libc10.so", "libtorch_cpu.so", "libtorch.so"];
    static readonly string[] LoadOrder = ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"];
    const string Binding = "libLibTorchSharp.so";

    /// <summary>The folder libtorch was loaded from in this process, or null for the bundled one.</summary>
    public static string? LoadedFrom { get; private set; }

    public static void Load(string folder, string? applicationFolder = null)
    {
        string full = Path.GetFullPath(folder);
        if (LoadedFrom == full) return;
        if (LoadedFrom is not null) throw new LibTorchException($"libtorch is already loaded from '{LoadedFrom}'; cannot switch to '{full}' in one process");
        if (!Directory.Exists(full)) throw new LibTorchException($"libtorch folder '{full}' does not exist (from --libtorch, AGOP_RUNNER_LIBTORCH or cake.config [Runner] LibTorch)");
        string version = VersionOf(full);
        var missing = Required.Where(f => !File.Exists(Path.Combine(full, f))).ToList();
        if (missing.Count > 0)
            throw new LibTorchException($"libtorch folder '{full}' (version {version}) lacks {string.Join(", ", missing)}: expected a PyTorch install's torch/lib or a libtorch distribution's lib folder");
        string app = applicationFolder ?? AppContext.BaseDirectory;
        if (BundledCopy(app) is { } bundled)
            throw new LibTorchException($"this build bundles libtorch ({bundled}); with --libtorch '{full}' two copies would load. Build with -p:TorchBackend=external, or delete the bundled libtorch files from the output");
        string binding = FindBinding(app) ?? throw new LibTorchException($"TorchSharp's {Binding} is not in '{app}' (is this a TorchSharp build?)");
        foreach (var name in LoadOrder.Where(n => File.Exists(Path.Combine(full, n))))
            LoadLibrary(Path.Combine(full, name), $"libtorch {version} in '{full}': {name} cannot be loaded");
        LoadLibrary(binding, $"TorchSharp's binding cannot bind to libtorch {version} in '{full}'");
        LoadedFrom = full;
    }

    static void LoadLibrary(string path, string problem)
    {
        try
        {
            NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new LibTorchException($"{problem}: {e.Message}");
        }
    }

    /// <summary>The version of the libtorch in <paramref name="folder"/>: PyTorch's torch/version.py beside it, else libtorch's build-version, else "unknown".</summary>
    public static string VersionOf(string folder)
    {
        var parent = Directory.GetParent(folder)?.FullName;
        if (parent is not null)
        {
            string python = Path.Combine(parent, "version.py");
            if (File.Exists(python) && VersionLine().Match(File.ReadAllText(python)) is { Success: true } match) return match.Groups[1].Value;
            string buildVersion = Path.Combine(parent, "build-version");
            if (File.Exists(buildVersion)) return File.ReadAllText(buildVersion).Trim();
        }
        return "unknown";
    }

    static string? BundledCopy(string app) =>
        new[] { app, Path.Combine(app, "runtimes", "linux-x64", "native") }.Select(d => Path.Combine(d, "libtorch_cpu.so")).FirstOrDefault(File.Exists);

    static string? FindBinding(string app) =>
        new[] { app, Path.Combine(app, "runtimes", "linux-x64", "native") }.Select(d => Path.Combine(d, Binding)).FirstOrDefault(File.Exists);

    [GeneratedRegex("""__version__\s*=\s*['"]([^'"]+)['"]""")]
    private static partial Regex VersionLine();
}
