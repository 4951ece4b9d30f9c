using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Pipeline.Execution.Local;
using Agop.Pipeline.Settings;

namespace Agop.Build.Cli;

/// <summary>The executor a run's settings name, with what it needs: local workers their run folder and the host's command line.</summary>
static class ExecutorFactory
{
    /// <param name="submission">The checked Slurm submission; needed for <see cref="Executor.Slurm"/> only.</param>
    public static IExecutor Create(Executor kind, ArtifactStore store, CommandLine command, RunnerSettings settings, SlurmSubmission? submission) =>
        kind switch
        {
            Executor.InProc => new InProcessExecutor(store, settings.Jobs, settings.Threads),
            Executor.Local => Local(store, command, settings),
            Executor.Slurm => (submission ?? throw new InvalidOperationException("the Slurm submission was not checked")).CreateExecutor(store, command),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

    /// <summary>What a worker needs to plan as this host did. Paths as the user gave them: workers start in this working directory.</summary>
    public static WorkerRequest Request(CommandLine command, RunnerSettings settings) =>
        new(command.Target, command.ConfigPath, command.Sets, settings.ArtifactsDirectory, settings.Threads, settings.Device,
            settings.LibTorch.Length > 0 ? Path.GetFullPath(settings.LibTorch) : "");

    static LocalExecutor Local(ArtifactStore store, CommandLine command, RunnerSettings settings)
    {
        var folder = LocalRunFolder.CreateUnder(store.Root);
        folder.WriteRequest(Request(command, settings));
        return new LocalExecutor(folder, HostCommand.Current(), settings.Jobs);
    }
}
