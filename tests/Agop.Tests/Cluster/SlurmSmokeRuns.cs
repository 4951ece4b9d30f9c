using System.Diagnostics;
using System.Runtime.InteropServices;
using Agop.Build.Cli;
using Agop.Pipeline.Cluster;
using Agop.Tests.Support;

namespace Agop.Tests.Cluster;

/// <summary>
/// The smoke config built on a private one-node Slurm cluster with <c>--executor slurm</c>, beside a local build to
/// compare with; then a second Slurm build in which one running job is killed, and its rerun.
/// </summary>
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
            var job = Cluster.Jobs().FirstOrDefault(j => j.State == "RUNNING");
            if (job is not null)
            {
                Thread.Sleep(300); // inside its bundle of units (a bundle takes seconds), whatever unit it is on
                Cluster.Client.Cancel([job.JobId]);
                return job.JobId;
            }
            Thread.Sleep(100);
        }
        return null;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    (int, string, string, IReadOnlyList<SlurmJobState>) RunAndInterrupt(string[] args)
    {
        var before = Cluster.Jobs().Select(j => j.JobId).ToHashSet();
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Host).Assembly.Location);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3) && !Cluster.Jobs().Any(j => j.State == "RUNNING" && !before.Contains(j.JobId)))
            Thread.Sleep(100);
        Thread.Sleep(500);
        kill(process.Id, 2); // SIGINT, as Ctrl+C sends it
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        var after = Cluster.Jobs().Where(j => !before.Contains(j.JobId)).ToList();
        return (process.ExitCode, output.Result, errors.Result, after);
    }

    static (int Exit, string Output, string Errors) Run(string[] args) => TinyExperiment.RunHost(args);

    public void Dispose()
    {
        Cluster.Dispose();
        foreach (var dir in new[] { LocalFolder, SlurmFolder, KilledFolder, InterruptedFolder })
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}
