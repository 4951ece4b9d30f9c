using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TorchSharp;

namespace Agop.Science.Torch;

/// <summary>A GPU as nvidia-smi lists it.</summary>
public sealed record GpuInfo(string Name, string Driver);

/// <summary>
/// What provenance records about the GPU: on cuda, the GPUs' names and driver (nvidia-smi, asked once), how many torch sees
/// and the CUDA version libtorch was built with; on the CPU, <c>gpu: none</c>.
/// </summary>
public static partial class GpuFacts
{
    static readonly Lazy<string?> NvidiaSmiOutput = new(() => Run("nvidia-smi", "--query-gpu=name,driver_version --format=csv,noheader"));

    public static IReadOnlyDictionary<string, string> Describe(string device)
    {
        if (device != "cuda") return new Dictionary<string, string> { ["gpu"] = "none" };
        var gpus = ParseNvidiaSmi(NvidiaSmiOutput.Value);
        return new Dictionary<string, string>
        {
            ["gpu"] = gpus.Count == 0 ? "unknown (nvidia-smi gave no answer)" : Summary(gpus.Select(g => g.Name)),
            ["gpu_driver"] = gpus.Count == 0 ? "unknown" : string.Join(", ", gpus.Select(g => g.Driver).Distinct()),
            ["gpu_count_visible"] = VisibleCount(),
            ["cuda"] = CudaVersion(LibTorchFolders()),
        };
    }

    /// <summary>The rows of <c>nvidia-smi --query-gpu=name,driver_version --format=csv,noheader</c>; none for anything else.</summary>
    public static IReadOnlyList<GpuInfo> ParseNvidiaSmi(string? output) =>
        (output ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Where(cells => cells.Length == 2 && cells.All(c => c.Trim().Length > 0) && DriverVersion().IsMatch(cells[1].Trim()))
            .Select(cells => new GpuInfo(cells[0].Trim(), cells[1].Trim()))
            .ToList();

    /// <summary>"NVIDIA H200", or "2 × NVIDIA A100-SXM4-80GB", or several such joined by " + ".</summary>
    public static string Summary(IEnumerable<string> names) =>
        string.Join(" + ", names.GroupBy(n => n).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()} × {g.Key}"));

    /// <summary>
    /// The CUDA version the libtorch in <paramref name="folders"/> was built for: PyTorch's torch/version.py beside the folder
    /// (<c>cuda = '13.0'</c>), else a libtorch distribution's build-version (<c>2.5.1+cu124</c>), else the CUDA runtime library's
    /// file name (<c>libcudart.so.12</c>: major version only); "unknown" when none says.
    /// </summary>
    public static string CudaVersion(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var parent = Directory.GetParent(folder)?.FullName;
            if (parent is not null && ReadIfExists(Path.Combine(parent, "version.py")) is { } python && CudaFromVersionPy(python) is { } fromPython)
                return fromPython;
            if (parent is not null && ReadIfExists(Path.Combine(parent, "build-version")) is { } build && CudaFromBuildVersion(build) is { } fromBuild)
                return fromBuild;
            if (CudaFromLibraryNames(Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()) is { } fromLibrary)
                return fromLibrary;
        }
        return "unknown";
    }

    /// <summary>The <c>cuda</c> line of PyTorch's torch/version.py; null when it is None (a CPU build) or absent.</summary>
    public static string? CudaFromVersionPy(string text) =>
        VersionPyCuda().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>"2.5.1+cu124" → "12.4", "2.11.0+cu130" → "13.0"; null without a +cuNNN tag.</summary>
    public static string? CudaFromBuildVersion(string text) =>
        BuildVersionCuda().Match(text) is { Success: true } match
            ? $"{match.Groups[1].Value[..^1]}.{match.Groups[1].Value[^1..]}"
            : null;

    /// <summary>The CUDA runtime's version from its file name (libcudart.so.12, libcudart-d0da41ae.so.11.0); null when absent.</summary>
    public static string? CudaFromLibraryNames(IEnumerable<string> fileNames) =>
        fileNames.Select(name => CudartName().Match(name)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal).FirstOrDefault();

    static IEnumerable<string> LibTorchFolders()
    {
        if (ExternalLibTorch.LoadedFrom is { } external) yield return external;
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        yield return AppContext.BaseDirectory;
    }

    static string VisibleCount()
    {
        try
        {
            return torch.cuda.device_count().ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return "unknown";
        }
    }

    static string? ReadIfExists(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A program's standard output, or null when it is missing, fails or takes more than 10 s.</summary>
    static string? Run(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\d+(\.\d+)+$")]
    private static partial Regex DriverVersion();

    [GeneratedRegex("""^cuda\s*(?::[^=\n]*)?=\s*['"]([^'"]+)['"]""", RegexOptions.Multiline)]
    private static partial Regex VersionPyCuda();

    [GeneratedRegex(@"\+cu(\d{3,})\b")]
    private static partial Regex BuildVersionCuda();

    [GeneratedRegex(@"^libcudart(?:-[0-9a-f]+)?\.so\.(\d+(?:\.\d+)*)$")]
    private static partial Regex CudartName();
}
