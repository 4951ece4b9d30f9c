using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Agop.Tests.Support;

/// <summary>
/// Crashes one local worker of a run (<c>--executor local</c>) while it builds a unit, as a native fault in libtorch or
/// SkiaSharp would: a worker is caught with a unit's temp folder open, frozen (SIGSTOP) to make sure it is still inside
/// that unit, then sent SIGSEGV. Only processes that are children of this test process are ever signalled.
/// </summary>
public static class WorkerCrash
{
    const int SIGKILL = 9, SIGSEGV = 11, SIGCONT = 18, SIGSTOP = 19;

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    /// <summary>The worker killed, the unit it was building and its log.</summary>
    public sealed record Crash(int Pid, string Unit, string Log);

    /// <returns>The crash, or null if the run ended before a worker was caught inside a unit.</returns>
    public static Crash? KillOneAtWork(string artifacts, Task run, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string tmp = Path.Combine(artifacts, "tmp");
        while (!run.IsCompleted && clock.Elapsed < timeout)
        {
            foreach (var (pid, folder) in UnitsAtWork(tmp))
            {
                if (!IsOurWorker(pid) || kill(pid, SIGSTOP) != 0) continue;
                WaitUntilStopped(pid);
                // Frozen before it wrote the unit's manifest (its commit starts with that), so still inside the unit.
                if (Directory.Exists(folder) && !File.Exists(Path.Combine(folder, "manifest.json")) && Started(artifacts, pid, folder) is { } at)
                {
                    kill(pid, SIGSEGV);
                    kill(pid, SIGCONT);
                    EndWithSegfault(pid);
                    return new Crash(pid, at.Unit, at.Log);
                }
                kill(pid, SIGCONT);
            }
            Thread.Sleep(2);
        }
        return null;
    }

    /// <summary>
    /// .NET takes a SIGSEGV that is not a fault (one sent by kill) for a spurious one: it restores the default action and
    /// goes on, where a real fault would fault again at once. So it is sent until the worker has ended.
    /// </summary>
    static void EndWithSegfault(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (IsOurWorker(pid) && State(pid) != 'Z')
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                kill(pid, SIGKILL);
                throw new TimeoutException($"worker {pid} survived SIGSEGV for a minute");
            }
            kill(pid, SIGSEGV);
            Thread.Sleep(1);
        }
    }

    /// <summary>(pid, folder) of every unit temp folder (<c>&lt;key&gt;-&lt;host&gt;-&lt;pid&gt;-&lt;guid&gt;</c>) in the store's tmp.</summary>
    static IEnumerable<(int Pid, string Folder)> UnitsAtWork(string tmp)
    {
        string[] folders;
        try
        {
            folders = Directory.Exists(tmp) ? Directory.GetDirectories(tmp) : [];
        }
        catch (IOException)
        {
            yield break;
        }
        foreach (var folder in folders)
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length >= 4 && int.TryParse(parts[^2], out int pid)) yield return (pid, folder);
        }
    }

    /// <summary>
    /// The unit whose temp folder this is, from the worker's log line "started &lt;unit&gt; [&lt;short key&gt;]" (the host
    /// copies the worker's stderr there, so the line may take a moment to arrive).
    /// </summary>
    static (string Unit, string Log)? Started(string artifacts, int pid, string folder)
    {
        string key = "[" + Path.GetFileName(folder).Split('-')[0] + "]";
        string runs = Path.Combine(artifacts, "runs");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var log = Directory.Exists(runs) ? Directory.GetFiles(runs, $"worker-{pid}.log", SearchOption.AllDirectories).SingleOrDefault() : null;
            var started = log is null ? null
                : File.ReadLines(log).LastOrDefault(l => l.StartsWith("started ", StringComparison.Ordinal) && l.EndsWith(key, StringComparison.Ordinal));
            if (started is not null) return (started.Split(' ')[1], log!);
            Thread.Sleep(5);
        }
        return null;
    }

    static bool IsOurWorker(int pid)
    {
        string stat = Stat(pid);
        if (stat.Length == 0) return false;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[1] != Environment.ProcessId.ToString()) return false;
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains("--worker");
        }
        catch (IOException)
        {
            return false;
        }
    }

    static void WaitUntilStopped(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (State(pid) is not ('T' or 'Z' or '\0') && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(1);
    }

    /// <summary>The process's state letter (R, S, T stopped, Z ended), or '\0' once it is gone.</summary>
    static char State(int pid)
    {
        string stat = Stat(pid);
        return stat.Length == 0 ? '\0' : stat[stat.LastIndexOf(')') + 2];
    }

    static string Stat(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
