using Agop.Pipeline.Cluster;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Build.Cli;

/// <summary>The submitting host's side of <c>--executor slurm</c>: check the cluster, write the run folder, run the jobs.</summary>
sealed class SlurmSubmission(ISlurmClient slurm, RunnerSettings settings)
{
    TimeSpan? _partitionMaxTime;

    /// <returns>Why the run cannot go to Slurm (the user's problem, in one line), or null.</returns>
    public string? Problem()
    {
        if (slurm.MissingCommand() is { } missing)
            return $"--executor slurm needs Slurm's client commands (sbatch, squeue, scancel, sinfo) on the PATH; '{missing}' is not there " +
                   $"(PATH={slurm.SearchPath})";
        IReadOnlyList<SlurmPartition> partitions;
        try
        {
            partitions = slurm.Partitions();
        }
        catch (SlurmException e)
        {
            return $"cannot reach the Slurm controller: {e.Message}";
        }
        string wanted = settings.SlurmJobs.Partition;
        var partition = wanted.Length > 0 ? partitions.FirstOrDefault(p => p.Name == wanted) : partitions.FirstOrDefault(p => p.IsDefault);
        if (wanted.Length > 0 && partition is null)
            return $"unknown Slurm partition '{wanted}' ([Slurm] Partition); this cluster has: {string.Join(", ", partitions.Select(p => p.Name))}";
        _partitionMaxTime = partition?.MaxTime;
        return null;
    }

    public SlurmExecutor CreateExecutor(ArtifactStore store, CommandLine command)
    {
        var folder = SlurmRunFolder.CreateUnder(store.Root);
        // Jobs start in this working directory (sbatch --chdir), and the report records the config path as given.
        folder.WriteRequest(ExecutorFactory.Request(command, settings));
        folder.WriteJobScript(HostCommand.Current());
        var options = new SlurmJobOptions(settings.SlurmJobs, settings.Threads, settings.Device, "agop-" + Path.GetFileName(folder.Path),
            folder.LogPattern, Directory.GetCurrentDirectory(), _partitionMaxTime);
        return new SlurmExecutor(store, slurm, folder, options, settings.Jobs);
    }
}
