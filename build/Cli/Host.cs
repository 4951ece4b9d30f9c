using Agop.Build.Config;
using Agop.Build.Targets;
using Agop.Build.Targets.Faith;
using Agop.Build.Targets.Images;
using Agop.Pipeline.Cluster;
using Agop.Pipeline.Config;
using Agop.Pipeline.Display;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Pipeline.Execution.Local;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data.Real;
using Agop.Science.Torch;

namespace Agop.Build.Cli;

/// <summary>The task host: parse, validate, plan, then run (or describe) the stale units.</summary>
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
            return Execute(args, output, errors, methods ?? MethodCatalog.Default, slurm ?? new SlurmCommands(), resolved => verbosity = resolved, toolchain);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: {e.Message}");
            if (verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            return 1;
        }
    }

    static int Execute(IReadOnlyList<string> args, TextWriter output, TextWriter errors, MethodCatalog methods, ISlurmClient slurm,
        Action<Verbosity> onVerbosity, IReadOnlyDictionary<string, string>? toolchain)
    {
        CommandLine command;
        RunnerSettings settings;
        ExperimentConfig config;
        try
        {
            command = CommandLine.Parse(args);
            if (command.Help)
            {
                output.WriteLine(CommandLine.Usage);
                return 0;
            }
            if (command.WorkerFolder is not null) return SlurmWorker.Run(command.WorkerFolder, command.Submission, errors, methods);
            if (command.LocalWorkerFolder is not null) return LocalWorker.Run(command.LocalWorkerFolder, errors, methods);
            settings = RunnerSettings.Resolve(CakeConfig, command.RunnerOverrides, stages: CreateGraph(methods).Targets.Select(t => t.Name).ToList());
            onVerbosity(settings.Verbosity);
            config = ConfigLoader.Load(ExperimentSchema.Create(methods), command.ConfigPath, command.Sets);
            ExperimentSchema.CheckConsistency(config);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or ConfigException)
        {
            errors.WriteLine($"error: {e.Message}");
            errors.WriteLine("Nothing was run. See --help.");
            return 2;
        }

        var graph = CreateGraph(methods);
        Target target;
        try
        {
            target = graph.Find(command.Target);
            foreach (var name in command.ForceTargets) graph.Find(name);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        if (command.Tree)
        {
            output.Write(graph.RenderTree(target));
            return 0;
        }

        PlanContext plan;
        IReadOnlyList<PlannedUnit> planned;
        var store = new ArtifactStore(settings.ArtifactsDirectory); // nothing is created before the plan holds
        try
        {
            plan = graph.PlanUnits(target, new PlanContext(config, settings, new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot)) { Facts = RunFacts.Of(settings, toolchain) });
            if (command.ExplainCode is { Count: > 0 } explain)
            {
                CodeExplanation.Write(explain, plan.Units, plan.Code, output);
                return 0;
            }
            var forcedStages = command.ForceTargets.Select(n => graph.Find(n).Name).ToHashSet(StringComparer.Ordinal);
            planned = Planner.Plan(plan.Units, store, u => command.ForceAll || forcedStages.Contains(u.Stage));
            // Data checks read the data; a dry run reads nothing but manifests.
            if (!command.DryRun)
                foreach (var stale in planned.Where(p => p.Action == UnitAction.Run)) stale.Unit.Preflight?.Invoke();
        }
        catch (ArgumentException e) when (command.ExplainCode is { Count: > 0 })
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is DataFileException or Agop.Science.Images.Data.ClevrXaiException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: {e.Message}");
            if (settings.Verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            errors.WriteLine("Nothing was run.");
            return 2;
        }

        if (command.DryRun)
        {
            foreach (var p in planned.Where(p => p.Action == UnitAction.Run || settings.Verbosity != Verbosity.Quiet))
                output.WriteLine($"{(p.Action == UnitAction.Run ? "run  " : "reuse")} {p.Unit.Id,-40} {p.Reason}");
            output.WriteLine(RunSummary.DryRunLine(planned));
            return 0;
        }

        SlurmSubmission? submission = null;
        if (settings.Executor == Executor.Slurm)
        {
            submission = new SlurmSubmission(slurm, settings);
            if (submission.Problem() is { } problem)
            {
                errors.WriteLine($"error: {problem}");
                errors.WriteLine("Nothing was run.");
                return 2;
            }
        }

        if (settings.LibTorch.Length > 0)
        {
            try
            {
                ExternalLibTorch.Load(settings.LibTorch);
            }
            catch (LibTorchException e)
            {
                errors.WriteLine($"error: {e.Message}");
                errors.WriteLine("Nothing was run.");
                return 2;
            }
        }

        try
        {
            store.EnsureCreated();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: cannot create the artifacts folder '{store.Root}': {e.Message}");
            if (settings.Verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            errors.WriteLine("Nothing was run.");
            return 2;
        }

        // With nothing to build there is nothing to start: no worker, no job.
        var kind = planned.Any(p => p.Action == UnitAction.Run) ? settings.Executor : Executor.InProc;
        if (settings.Verbosity != Verbosity.Quiet && planned.Any(p => p.Action == UnitAction.Run)) output.WriteLine(settings.ParallelismLine);
        if (CodeOptimization.Warning(planned.Count(p => p.Action == UnitAction.Run), CodeOptimization.IsOptimized) is { } slow) errors.WriteLine(slow);
        if (kind == Executor.InProc)
        {
            foreach (var (name, value) in TorchRuntime.Facts(settings.Threads, settings.Device)) RunEnvironment.Set(name, value);
            RunEnvironment.Set("executor", "local"); // as a local worker records it: where the unit ran, not which process
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return; // a second Ctrl+C ends the process; artifacts stay consistent
            e.Cancel = true;
            cancel.Cancel();
            errors.WriteLine(kind == Executor.Slurm
                ? "stopping: cancelling this run's Slurm jobs (scancel); committed units are kept"
                : "stopping: no new units start, running units finish and are kept (Ctrl+C again to abort)");
        };
        Console.CancelKeyPress += onCancel;
        RunSummary summary;
        string? slurmStats = null, localRunFolder = null;
        try
        {
            using var executor = ExecutorFactory.Create(kind, store, command, settings, submission);
            Func<IRunObserver, RunSummary> run = observer => new Scheduler(store, executor, observer).Run(planned, cancel.Token);
            summary = UseLiveDisplay(settings)
                ? LiveRunDisplay.Run(run)
                : run(new PlainRunDisplay(output, settings.Verbosity, settings.Jobs,
                    StageHistory.Medians(store, planned.Where(p => p.Action == UnitAction.Run).Select(p => p.Unit.Stage)),
                    UnitCostModel.LoadShipped(AppContext.BaseDirectory)));
            if (executor is SlurmExecutor { Stats: var stats })
                slurmStats = $"slurm: {stats.Tasks} jobs in {stats.Submissions} arrays, {stats.MeanStartSeconds:0.0}s mean from submission to start; " +
                             $"job scripts, bundles and logs in {stats.Folder}";
            if (executor is LocalExecutor local) localRunFolder = local.Folder.Path;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        foreach (var failure in summary.Results.Where(r => r.Outcome is UnitOutcome.Failed or UnitOutcome.Blocked))
            errors.WriteLine($"failed: {failure.Unit.Id}: {failure.Error}");
        if (slurmStats is not null && settings.Verbosity != Verbosity.Quiet) output.WriteLine(slurmStats);
        // The workers' logs are kept where something went wrong, and the failures above name them.
        if (localRunFolder is not null && summary.Succeeded) TryDelete(localRunFolder);
        bool published = true;
        if (plan.TryGetUnit(ReportTarget.UnitId, out var report) && store.Verify(report).State == ArtifactState.Valid)
        {
            try
            {
                var exported = ReportExport.Export(store, report, settings.ArtifactsDirectory);
                if (settings.Verbosity != Verbosity.Quiet) output.WriteLine($"report: {exported}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                published = false;
                errors.WriteLine($"error: could not publish the report to '{Path.GetFullPath(settings.ArtifactsDirectory)}': {e.Message}");
                if (settings.Verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            }
        }
        if (command.Profile) published &= ProfileReport.Write(summary, store, settings, output, errors);
        if (settings.Verbosity != Verbosity.Quiet) output.WriteLine($"took {summary.Elapsed.TotalSeconds:0.0}s");
        output.WriteLine(summary.LastLine);
        return summary.Succeeded && published ? 0 : 1;
    }

    public static TargetGraph CreateGraph(MethodCatalog methods) => new(
    [
        new GenerateTarget(), new TrainTarget(), new FitAgopTarget(), new AttributeTarget(methods), new EvaluateTarget(),
        new FetchDataTarget(), new SplitRealTarget(), new RoarTarget(methods),
        new GenerateImageTarget(), new TrainImageTarget(), new FitAgopImageTarget(), new TraceAgopImageTarget(), new AttributeImageTarget(methods), new EvaluateImageTarget(),
        new AttributeRealTarget(methods), new FeiTarget(), new FaithfulnessTarget(),
        new ReportTarget(methods),
    ]);

    static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            if (!Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Any()) Directory.Delete(Path.GetDirectoryName(folder)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // only logs: harmless to keep
    }

    static bool UseLiveDisplay(RunnerSettings settings) =>
        settings.Verbosity == Verbosity.Normal && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
