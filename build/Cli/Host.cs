using Agop.Build.Config;
using Agop.Build.Targets;
using Agop.Build.Targets.Faith;
using Agop.Build.Targets.Images;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution.Catalog;

namespace Agop.Build.Cli;

/// <summary>The task host: parse, validate, plan, then run (or describe) the stale units, as <see cref="HostRun"/>'s steps.</summary>
public static class Host
{
    public const string CakeConfig = "cake.config";

    /// <summary>
    /// Every error a user can cause ends here as one line naming the file, key or path: exit code 2 for bad
    /// input (nothing run), 1 for a failed run. Only --verbosity diagnostic adds a stack trace.
    /// </summary>
    /// <param name="methods">The method catalog (default: <see cref="MethodCatalog.Default"/>); tests register extra methods here.</param>
    /// <param name="slurm">The Slurm client for --executor slurm (default: the real commands on the PATH).</param>
    /// <param name="toolchain">The toolchain facts the keys hold (<see cref="RunFacts"/>); null: this process's. A test sets another libtorch here.</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors, MethodCatalog? methods = null,
        ISlurmClient? slurm = null, IReadOnlyDictionary<string, string>? toolchain = null)
    {
        Agop.Science.Torch.ReproducibleMath.Enable();
        var verbosity = Verbosity.Normal;
        try
        {
            var run = new HostRun(output, errors, methods ?? MethodCatalog.Default, slurm ?? new SlurmCommands(), toolchain);
            return run.ReadCommandAndConfig(args, resolved => verbosity = resolved) ?? run.FindTarget() ?? run.Plan() ?? run.DryRun()
                ?? run.CheckBeforeWork() ?? run.RunUnits();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: {e.Message}");
            if (verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            return 1;
        }
    }

    /// <summary>The config a run plans with: read, overrides applied, checked for consistency.</summary>
    /// <exception cref="Pipeline.Config.ConfigException">The file or an override is not a valid config.</exception>
    public static ExperimentConfig LoadConfig(MethodCatalog methods, string path, IEnumerable<string> overrides)
    {
        var config = ConfigLoader.Load(ExperimentSchema.Create(methods), path, overrides);
        ExperimentSchema.CheckConsistency(config);
        return config;
    }

    /// <summary>What a run plans with: this build's code hashes (or <paramref name="code"/>) and the run facts its keys hold.</summary>
    /// <param name="toolchain">The toolchain facts (<see cref="RunFacts"/>); null: this process's.</param>
    public static PlanContext PlanContext(ExperimentConfig config, RunnerSettings settings, IReadOnlyDictionary<string, string>? toolchain = null,
        CodeHashes? code = null) =>
        new(config, settings, code ?? new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot)) { Facts = RunFacts.Of(settings, toolchain) };

    public static TargetGraph CreateGraph(MethodCatalog methods) => new(
    [
        new GenerateTarget(), new TrainTarget(), new FitAgopTarget(), new AttributeTarget(methods), new EvaluateTarget(),
        new FetchDataTarget(), new SplitRealTarget(), new RoarTarget(methods),
        new GenerateImageTarget(), new TrainImageTarget(), new FitAgopImageTarget(), new TraceAgopImageTarget(), new AttributeImageTarget(methods), new EvaluateImageTarget(),
        new AttributeRealTarget(methods), new FeiTarget(), new FaithfulnessTarget(),
        new ReportTarget(methods),
    ]);
}
