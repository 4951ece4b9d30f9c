using System.Runtime.InteropServices;

namespace Agop.Build.Cli;

/// <summary>The command line that starts this same built host again (what a Slurm job runs).</summary>
static class HostCommand
{
    public static IReadOnlyList<string> Current()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("the host's own executable is unknown");
        string assembly = typeof(Host).Assembly.Location;
        string name = Path.GetFileNameWithoutExtension(process);
        if (name == "dotnet") return [process, assembly];
        if (name == Path.GetFileNameWithoutExtension(assembly)) return [process]; // the apphost or a self-contained publish
        return [Dotnet(), assembly]; // hosted by another program (e.g. the test host)
    }

    static string Dotnet()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
