using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// <c>--executor slurm</c>, the submitting host's side: check the cluster before any work (client commands, controller, partition),
/// write the run folder and job script, run the jobs, and close with the submission statistics.
/// </summary>
public sealed class SlurmKind(ISlurmClient slurm, RunnerSettings settings, IReadOnlyList<string> hostCommand) : IExecutorKind
{
    TimeSpan? _partitionMaxTime;

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

    public IExecutor Create(ArtifactStore store, WorkerRequest request)
    {
        var folder = SlurmRunFolder.CreateUnder(store.Root);
        // Jobs start in this working directory (sbatch --chdir), and the report records the config path as given.
        folder.WriteRequest(request);
        folder.WriteJobScript(hostCommand);
        var options = new SlurmJobOptions(settings.SlurmJobs, settings.Threads, settings.Device, "agop-" + Path.GetFileName(folder.Path),
            folder.LogPattern, Directory.GetCurrentDirectory(), _partitionMaxTime);
        return new SlurmExecutor(store, slurm, folder, options, settings.Jobs);
    }

    public string? Close(IExecutor executor, bool succeeded) => executor is SlurmExecutor { Stats: var stats }
        ? $"slurm: {stats.Tasks} jobs in {stats.Submissions} arrays, {stats.MeanStartSeconds:0.0}s mean from submission to start; " +
          $"job scripts, bundles and logs in {stats.Folder}"
        : null;
}
