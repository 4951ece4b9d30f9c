namespace Agop.Pipeline.Execution.Slurm;

/// <summary>A partition as <c>sinfo</c> lists it; <see cref="MaxTime"/> is null when unlimited.</summary>
public sealed record SlurmPartition(string Name, bool IsDefault, TimeSpan? MaxTime);

/// <summary>One job (or array task, "123_4") as <c>squeue</c> reports it.</summary>
public sealed record SlurmJobState(string JobId, string State, string Reason)
{
    static readonly HashSet<string> Live = new(StringComparer.Ordinal)
        { "PENDING", "RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", "REQUEUE_FED", "REQUEUE_HOLD" };

    /// <summary>True once the job can no longer run anything (completed, failed, cancelled, timed out, …).</summary>
    public bool HasEnded => !Live.Contains(State);
}

/// <summary>Raised when a Slurm command is missing or refuses a request; the message is for the user.</summary>
public sealed class SlurmException(string message) : Exception(message);

/// <summary>The Slurm commands the executor uses: sbatch, squeue, scancel and sinfo.</summary>
public interface ISlurmClient
{
    /// <summary>Where the commands are looked for (the PATH).</summary>
    string SearchPath { get; }

    /// <summary>The first of the needed commands that is not on the search path, or null.</summary>
    string? MissingCommand();

    IReadOnlyList<SlurmPartition> Partitions();

    /// <summary>Submits <paramref name="script"/> with <paramref name="options"/> and its arguments; returns the job id.</summary>
    string Submit(IReadOnlyList<string> options, string script, IReadOnlyList<string> scriptArguments);

    /// <summary>The states of the given jobs' tasks, by task id ("123" or "123_4"); a job Slurm has forgotten is absent.</summary>
    IReadOnlyDictionary<string, SlurmJobState> States(IReadOnlyCollection<string> jobIds);

    void Cancel(IReadOnlyCollection<string> jobIds);
}
