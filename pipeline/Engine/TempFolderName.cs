using System.Diagnostics;

namespace Agop.Pipeline.Engine;

/// <summary>
/// Names of in-flight unit folders under <c>tmp/</c>: <c>&lt;short key&gt;-&lt;host&gt;-&lt;pid&gt;-&lt;guid&gt;</c>, so that
/// clean-up can tell which machine and process owns one and never removes another live process's work.
/// </summary>
public static class TempFolderName
{
    public static string ThisHost { get; } = HostName();

    public static string New(string shortKey) => $"{shortKey}-{ThisHost}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>True only for a folder of this host whose process is no longer running; unknown names are kept.</summary>
    public static bool IsAbandoned(string folderName)
    {
        var parts = folderName.Split('-');
        if (parts.Length < 4 || !int.TryParse(parts[^2], out int pid)) return false;
        string host = string.Join('-', parts[1..^2]);
        if (host != ThisHost) return false;
        return pid != Environment.ProcessId && !IsRunning(pid);
    }

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    static string HostName()
    {
        string name;
        try
        {
            name = Environment.MachineName;
        }
        catch (InvalidOperationException)
        {
            name = "";
        }
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
        return safe.Length > 0 ? safe : "unknown-host";
    }
}
