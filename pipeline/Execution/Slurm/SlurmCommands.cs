using System.Diagnostics;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>Runs the real Slurm client programs found on the PATH (or on <paramref name="searchPath"/> when given).</summary>
public sealed class SlurmCommands(string? searchPath = null) : ISlurmClient
{
    static readonly string[] Needed = ["sbatch", "squeue", "scancel", "sinfo"];
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string SearchPath => searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";

    public string? MissingCommand() => Needed.FirstOrDefault(name => Find(name) is null);

    string? Find(string program)
    {
        foreach (var dir in SearchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public IReadOnlyList<SlurmPartition> Partitions()
    {
        var output = Run("sinfo", ["--noheader", "--format=%P|%l"]);
        return SlurmOutput.ParsePartitions(output);
    }

    public string Submit(IReadOnlyList<string> options, string script, IReadOnlyList<string> scriptArguments)
    {
        var output = Run("sbatch", ["--parsable", .. options, script, .. scriptArguments]);
        return SlurmOutput.ParseJobId(output);
    }

    public IReadOnlyDictionary<string, SlurmJobState> States(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return new Dictionary<string, SlurmJobState>();
        // --states=all keeps finished jobs in the answer while slurmctld remembers them (MinJobAge).
        var output = Run("squeue", ["--noheader", "--array", "--states=all", $"--jobs={string.Join(',', jobIds)}", "--format=%i|%T|%r"],
            acceptFailure: stderr => stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase));
        return SlurmOutput.ParseStates(output);
    }

    public void Cancel(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count > 0) Run("scancel", [.. jobIds]);
    }

    string Run(string program, IReadOnlyList<string> arguments, Func<string, bool>? acceptFailure = null)
    {
        var start = new ProcessStartInfo(Find(program) ?? throw new SlurmException($"{program} is not on the PATH"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new SlurmException($"{program} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new SlurmException($"{program} did not answer within {Timeout.TotalSeconds:0} s (is slurmctld running?)");
        }
        string error = stderr.GetAwaiter().GetResult().Trim();
        if (process.ExitCode != 0 && !(acceptFailure?.Invoke(error) ?? false))
            throw new SlurmException($"{program} failed (exit code {process.ExitCode}): {(error.Length > 0 ? error : "no message")}");
        return stdout.GetAwaiter().GetResult();
    }
}
