using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Agop.Pipeline.Execution.Slurm;

namespace Agop.Tests.Support;

/// <summary>
/// A private one-node Slurm cluster for the executor tests: munged, slurmctld and slurmd (Debian 12's 22.05 packages)
/// with proctrack/linuxproc, task/none and SlurmUser=root, their key, sockets, state, logs and pid files in a temp
/// folder and free ports, so it never meets a real cluster on the machine. The daemons run in the foreground as
/// children of the test process and are stopped by their process ids. Where Slurm is not installed (or the test does
/// not run as root), <see cref="Unavailable"/> is set and the tests report themselves skipped with the reason, unless
/// <c>AGOP_REQUIRE_SLURM=1</c> (set by <c>.ci/run</c> after installing Slurm) makes them required; a cluster that is
/// installed but fails to start is always a failure.
/// </summary>
public sealed class OneNodeSlurm : IDisposable
{
    static readonly string[] Daemons = ["munged", "slurmctld", "slurmd"];
    static readonly string[] Clients = ["sbatch", "squeue", "scancel", "sinfo"];
    readonly List<Process> _daemons = [];

    public OneNodeSlurm()
    {
        Folder = Path.Combine(Path.GetTempPath(), "agop-slurm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Problem = Start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Problem = $"could not start the one-node Slurm cluster: {e.Message}";
        }
        if (Problem is not null) Problem += $" (logs in {Folder})";
    }

    public string Folder { get; }
    public string ConfigFile => Path.Combine(Folder, "slurm.conf");
    /// <summary>Null when the cluster is up; else why not (e.g. Slurm is not installed).</summary>
    public string? Problem { get; }
    /// <summary>The cluster cannot run on this machine at all (Slurm not installed, or not root), rather than failed to start.</summary>
    public bool Unavailable { get; private set; }

    /// <summary>Tests that need the cluster call this: skip where it cannot run (unless required), fail where it broke.</summary>
    public void Require()
    {
        if (Problem is null) return;
        bool required = Environment.GetEnvironmentVariable("AGOP_REQUIRE_SLURM") == "1";
        Skip.If(Unavailable && !required, Problem);
        Assert.Fail(required && Unavailable ? $"AGOP_REQUIRE_SLURM=1 but {Problem}" : Problem);
    }
    /// <summary>The PATH the cluster's commands are on (PATH plus /usr/sbin, where Debian puts the daemons).</summary>
    public static string SearchPath => string.Join(Path.PathSeparator, (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin").Append("/sbin"));

    public ISlurmClient Client => new SlurmCommands();

    string? Start()
    {
        var missing = Daemons.Concat(Clients).Where(p => Find(p) is null).ToList();
        Unavailable = true;
        if (missing.Count > 0)
            return $"Slurm is not installed here ({string.Join(", ", missing)} not found): install Debian's slurmctld slurmd slurm-client munge " +
                   "(.ci/run does: apt-get install -y slurmctld slurmd slurm-client munge)";
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
            return $"the one-node Slurm test cluster runs its daemons as root (SlurmUser=root); this test runs as {Environment.UserName}";
        Unavailable = false;

        foreach (var sub in new[] { "state", "spool", "log", "run" })
            Directory.CreateDirectory(Path.Combine(Folder, sub), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string key = Path.Combine(Folder, "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string socket = Path.Combine(Folder, "run", "munge.sock");
        string host = Environment.MachineName.Split('.')[0];
        int cpus = Environment.ProcessorCount;
        File.WriteAllText(ConfigFile, $"""
            ClusterName=agoptest
            SlurmctldHost={host}(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={socket}
            StateSaveLocation={Folder}/state
            SlurmdSpoolDir={Folder}/spool
            SlurmctldPidFile={Folder}/run/slurmctld.pid
            SlurmdPidFile={Folder}/run/slurmd.pid
            SlurmctldLogFile={Folder}/log/slurmctld.log
            SlurmdLogFile={Folder}/log/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SchedulerType=sched/backfill
            SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            ReturnToService=2
            MpiDefault=none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            NodeName=agopnode NodeHostname={host} NodeAddr=127.0.0.1 CPUs={cpus} State=UNKNOWN
            PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP

            """);
        // Every Slurm command of this process (and the jobs, which inherit the environment) talks to this cluster.
        Environment.SetEnvironmentVariable("SLURM_CONF", ConfigFile);

        Launch("munged", "--foreground", "--force", $"--socket={socket}", $"--key-file={key}", $"--log-file={Folder}/log/munged.log",
            $"--pid-file={Folder}/run/munged.pid", $"--seed-file={Folder}/run/munged.seed");
        if (!WaitFor(() => File.Exists(socket), TimeSpan.FromMinutes(1))) return "munged did not create its socket";
        Launch("slurmctld", "-D", "-c", "-f", ConfigFile);
        Launch("slurmd", "-D", "-N", "agopnode", "-f", ConfigFile);
        bool idle = WaitFor(() => Sinfo().Contains("idle", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        return idle ? null : $"the node did not come up (sinfo: '{Sinfo().Trim()}')";
    }

    void Launch(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(program)!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        // Drain the pipes so a chatty daemon never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
    }

    string Sinfo()
    {
        try
        {
            var start = new ProcessStartInfo(Find("sinfo")!, ["--noheader", "--format=%T"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(start)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    /// <summary>Runs squeue for every job this cluster knows, as "id|STATE" lines.</summary>
    public IReadOnlyList<SlurmJobState> Jobs()
    {
        var start = new ProcessStartInfo(Find("squeue")!, ["--noheader", "--array", "--states=all", "--format=%i|%T|%r"]) { RedirectStandardOutput = true };
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(10_000);
        return SlurmOutput.ParseStates(output).Values.ToList();
    }

    static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition()) return true;
            Thread.Sleep(200);
        }
        return condition();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string? Find(string program) => SearchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            try
            {
                if (!daemon.HasExited)
                {
                    daemon.Kill(entireProcessTree: true);
                    daemon.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException) { }
            daemon.Dispose();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
