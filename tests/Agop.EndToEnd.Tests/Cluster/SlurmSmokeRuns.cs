using System.Diagnostics;
using System.Runtime.InteropServices;
using Agop.Build.Cli;
using Agop.Pipeline.Execution.Slurm;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

/// <summary>
/// The smoke config built on a private one-node Slurm cluster with <c>--executor slurm</c>, beside a local build to
/// compare with; then a second Slurm build in which one running job is killed, and its rerun.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SlurmSmokeRuns : IDisposable
{
    public SlurmSmokeRuns()
    {
        if (Cluster.Problem is not null) return;
        string root = RepoRoot.Find();
        string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        string[] Args(string artifacts, bool slurm) =>
            ["--config", Path.Combine(root, "configs", "smoke.yaml"), "--artifacts", artifacts, "--set", $"data.dir={data}",
             "--jobs", "2", "--threads", "1", "--verbosity", "quiet", .. slurm ? new[] { "--executor", "slurm" } : []];

        Local = Run(Args(LocalFolder, slurm: false));
        ViaSlurm = Run(Args(SlurmFolder, slurm: true));
        DryRunLocal = Run([.. Args(SlurmFolder, slurm: false), "--dry-run"]);
        DryRunSlurm = Run([.. Args(SlurmFolder, slurm: true), "--dry-run"]);

        var killed = Task.Factory.StartNew(() => Run(Args(KilledFolder, slurm: true)), TaskCreationOptions.LongRunning);
        KilledJob = KillOneRunningJob(killed);
        Killed = killed.Result;
        Rerun = Run(Args(KilledFolder, slurm: true));
        Interrupted = RunAndInterrupt(Args(InterruptedFolder, slurm: true));
    }

    public OneNodeSlurm Cluster { get; } = new();
    public string LocalFolder { get; } = Temp("local");
    public string SlurmFolder { get; } = Temp("slurm");
    public string KilledFolder { get; } = Temp("killed");
    public (int Exit, string Output, string Errors) Local { get; }
    public (int Exit, string Output, string Errors) ViaSlurm { get; }
    public (int Exit, string Output, string Errors) DryRunLocal { get; }
    public (int Exit, string Output, string Errors) DryRunSlurm { get; }
    public (int Exit, string Output, string Errors) Killed { get; }
    public (int Exit, string Output, string Errors) Rerun { get; }
    /// <summary>The array task killed mid-run ("123_0"), or null if none was seen running.</summary>
    public string? KilledJob { get; }
    public string InterruptedFolder { get; } = Temp("interrupted");
    /// <summary>The host as its own process, sent SIGINT (Ctrl+C) while a job ran; the jobs Slurm knew of right after.</summary>
    public (int Exit, string Output, string Errors, IReadOnlyList<SlurmJobState> JobsAfter) Interrupted { get; }

    static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"agop-slurm-{name}-" + Guid.NewGuid().ToString("N")[..8]);

    string? KillOneRunningJob(Task running)
    {
        var clock = Stopwatch.StartNew();
        while (!running.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            // A job at work on a unit of its bundle (its event file says a unit started and the job has not exited).
            var job = Cluster.Jobs().FirstOrDefault(j => j.State == "RUNNING" && IsAtWork(KilledFolder, j.JobId));
            if (job is not null)
            {
                Cluster.Client.Cancel([job.JobId]);
                return job.JobId;
            }
            Thread.Sleep(20);
        }
        return null;
    }

    /// <summary>
    /// Whether Slurm array task <paramref name="jobId"/> ("123_4") of a run in <paramref name="artifacts"/> has started a unit
    /// and not yet exited: its log names its submission, and the submission's event file for that task holds the events.
    /// </summary>
    static bool IsAtWork(string artifacts, string jobId)
    {
        string slurm = Path.Combine(artifacts, "slurm");
        if (!Directory.Exists(slurm)) return false;
        int task = int.Parse(jobId[(jobId.LastIndexOf('_') + 1)..]);
        foreach (var run in Directory.GetDirectories(slurm))
        {
            string log = Path.Combine(run, "logs", jobId + ".log");
            if (!File.Exists(log)) continue;
            var submission = System.Text.RegularExpressions.Regex.Match(ReadShared(log), @"units of submission (\d+)");
            if (!submission.Success) return false;
            string events = ReadShared(Path.Combine(run, "events", $"{submission.Groups[1].Value}_{task}.jsonl"));
            return events.Contains("\"Kind\":\"Started\"", StringComparison.Ordinal) && !events.Contains("\"Kind\":\"Exit\"", StringComparison.Ordinal);
        }
        return false;
    }

    static string ReadShared(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    [DllImport("libc", SetLastError = true)]
    static extern IntPtr signal(int signum, IntPtr handler);

    const int SigInt = 2;
    static readonly IntPtr SigDfl = IntPtr.Zero, SigIgn = new(1);
    static readonly object SigintDisposition = new();

    /// <summary>
    /// Starts the host with SIGINT at its default disposition. A test process started in the background by a shell without job
    /// control (as CI may be) inherits SIGINT ignored, a child keeps it ignored across exec, and .NET then installs no Ctrl+C
    /// handler: the interrupt would be dropped and the run end whole. Only an ignored SIGINT is touched (so no handler of the
    /// runtime's is ever replaced), and it is ignored again as soon as the child exists.
    /// </summary>
    static Process StartWithDefaultSigint(ProcessStartInfo start)
    {
        lock (SigintDisposition)
        {
            if (!IgnoresSigint(Environment.ProcessId)) return Process.Start(start)!;
            signal(SigInt, SigDfl);
            try { return Process.Start(start)!; }
            finally { signal(SigInt, SigIgn); }
        }
    }

    /// <summary>Whether process <paramref name="pid"/> ignores SIGINT (bit 1 of SigIgn in /proc/pid/status).</summary>
    static bool IgnoresSigint(int pid)
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
            return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (SigInt - 1))) != 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    (int, string, string, IReadOnlyList<SlurmJobState>) RunAndInterrupt(string[] args)
    {
        var before = Cluster.Jobs().Select(j => j.JobId).ToHashSet();
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Host).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = StartWithDefaultSigint(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        // Interrupt while a job of this run is at work on a unit.
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3)
               && !Cluster.Jobs().Any(j => j.State == "RUNNING" && !before.Contains(j.JobId) && IsAtWork(InterruptedFolder, j.JobId)))
            Thread.Sleep(20);
        bool ignored = IgnoresSigint(process.Id);
        kill(process.Id, SigInt); // as Ctrl+C sends it
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        var after = Cluster.Jobs().Where(j => !before.Contains(j.JobId)).ToList();
        return (process.ExitCode, output.Result, (ignored ? "(the host ignored SIGINT)\n" : "") + errors.Result, after);
    }

    static (int Exit, string Output, string Errors) Run(string[] args) => TinyExperiment.RunHost(args);

    public void Dispose()
    {
        Cluster.Dispose();
        foreach (var dir in new[] { LocalFolder, SlurmFolder, KilledFolder, InterruptedFolder })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
