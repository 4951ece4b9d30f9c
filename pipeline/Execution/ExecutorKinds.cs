using Agop.Pipeline.Execution.InProcess;
using Agop.Pipeline.Execution.Local;
using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Execution;

/// <summary>The registry of executor kinds: the one place a new kind is added (with its folder and its <see cref="Executor"/> name).</summary>
public static class ExecutorKinds
{
    /// <param name="hostCommand">The command line that starts this host again, in worker mode (local workers, Slurm jobs).</param>
    public static IExecutorKind For(Executor kind, RunnerSettings settings, IReadOnlyList<string> hostCommand, ISlurmClient slurm) => kind switch
    {
        Executor.InProc => new InProcessKind(settings.Jobs, settings.Threads),
        Executor.Local => new LocalKind(hostCommand, settings.Jobs),
        Executor.Slurm => new SlurmKind(slurm, settings, hostCommand),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown executor"),
    };
}
