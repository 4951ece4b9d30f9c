using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>The sbatch options of this run's job arrays, from the [Slurm] settings and the runner's threads and device.</summary>
public sealed class SlurmJobOptions(SlurmSettings settings, int threads, string device, string jobName, string logPattern,
    string workingDirectory, TimeSpan? partitionMaxTime)
{
    public int UnitsPerJob => settings.UnitsPerJob;

    /// <summary>A GPU per job when the device is cuda and [Slurm] Gpus is not set.</summary>
    public int Gpus => settings.Gpus > 0 ? settings.Gpus : device == "cuda" ? 1 : 0;

    /// <summary>Every task of an array gets the same limits: those of the largest bundle, within the partition's limit.</summary>
    public TimeSpan TimeLimit(IReadOnlyList<IReadOnlyList<PlannedUnit>> bundles)
    {
        var longest = bundles.Max(b => b.Aggregate(TimeSpan.Zero, (sum, p) => sum + settings.TimeFor(p.Unit.Stage)));
        return partitionMaxTime is { } max && longest > max ? max : longest;
    }

    public IReadOnlyList<string> Arguments(IReadOnlyList<IReadOnlyList<PlannedUnit>> bundles)
    {
        var args = new List<string>
        {
            $"--array=0-{bundles.Count - 1}",
            $"--job-name={jobName}",
            $"--output={logPattern}",
            $"--chdir={workingDirectory}",
            $"--cpus-per-task={threads}",
            $"--time={SlurmSettings.Format(TimeLimit(bundles))}",
        };
        if (settings.Partition.Length > 0) args.Add($"--partition={settings.Partition}");
        if (settings.Memory.Length > 0) args.Add($"--mem={settings.Memory}");
        if (Gpus > 0) args.Add($"--gres=gpu:{Gpus}");
        args.AddRange(settings.ExtraArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return args;
    }
}
