using Agop.Build.Config;
using Agop.Build.Targets;
using Agop.Pipeline.Config;
using Agop.Pipeline.Display;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Pipeline.Execution.Local;
using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data.Real;
using Agop.Science.Torch;

namespace Agop.Build.Cli;

/// <summary>
/// One run of the task host, as steps in order (<see cref="Host.Run"/>): each returns the exit code when the run ends there (help, a dry
/// run, a problem: 2 with one line and nothing written), or null to go on.
/// </summary>
sealed class HostRun(TextWriter output, TextWriter errors, MethodCatalog methods, ISlurmClient slurm, IReadOnlyDictionary<string, string>? toolchain)
{
    CommandLine _command = null!;
    RunnerSettings _settings = null!;
    ExperimentConfig _config = null!;
    TargetGraph _graph = null!;
    Target _target = null!;
    PlanContext _plan = null!;
    IReadOnlyList<PlannedUnit> _planned = [];
    ArtifactStore _store = null!;
    IExecutorKind _executor = null!;

    bool Diagnostic => _settings.Verbosity == Verbosity.Diagnostic;

    int Refuse(string problem, Exception? e = null, string after = "Nothing was run.")
    {
        errors.WriteLine($"error: {problem}");
        if (e is not null && _settings is not null && Diagnostic) errors.WriteLine(e);
        if (after.Length > 0) errors.WriteLine(after);
        return 2;
    }

    /// <summary>The command line, --help, the worker modes, the runner settings and the config.</summary>
    public int? ReadCommandAndConfig(IReadOnlyList<string> args, Action<Verbosity> onVerbosity)
    {
        try
        {
            _command = CommandLine.Parse(args);
            if (_command.Help)
            {
                output.WriteLine(CommandLine.Usage);
                return 0;
            }
            if (_command.WorkerFolder is not null) return SlurmWorker.Run(_command.WorkerFolder, _command.Submission, errors, new HostWorker(methods));
            if (_command.LocalWorkerFolder is not null) return LocalWorker.Run(_command.LocalWorkerFolder, errors, new HostWorker(methods));
            _graph = Host.CreateGraph(methods);
            _settings = RunnerSettings.Resolve(Host.CakeConfig, _command.RunnerOverrides, stages: _graph.Targets.Select(t => t.Name).ToList(),
                longRunning: _graph.LongRunningStages());
            onVerbosity(_settings.Verbosity);
            _config = Host.LoadConfig(methods, _command.ConfigPath, _command.Sets);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or ConfigException)
        {
            return Refuse(e.Message, after: "Nothing was run. See --help.");
        }
    }

    /// <summary>The target and the forced ones exist; --tree prints the target's graph.</summary>
    public int? FindTarget()
    {
        try
        {
            _target = _graph.Find(_command.Target);
            foreach (var name in _command.ForceTargets) _graph.Find(name);
        }
        catch (ArgumentException e)
        {
            return Refuse(e.Message, after: "");
        }
        if (!_command.Tree) return null;
        output.Write(_graph.RenderTree(_target));
        return 0;
    }

    /// <summary>The units, what is stale and why, and (unless a dry run) every stale unit's data check; --explain-code ends here.</summary>
    public int? Plan()
    {
        _store = new ArtifactStore(_settings.ArtifactsDirectory); // nothing is created before the plan holds
        try
        {
            _plan = _graph.PlanUnits(_target, Host.PlanContext(_config, _settings, toolchain));
            if (_command.ExplainCode is { Count: > 0 } explain)
            {
                CodeExplanation.Write(explain, _plan.Units, _plan.Code, output);
                return 0;
            }
            var forcedStages = _command.ForceTargets.Select(n => _graph.Find(n).Name).ToHashSet(StringComparer.Ordinal);
            _planned = Planner.Plan(_plan.Units, _store, u => _command.ForceAll || forcedStages.Contains(u.Stage));
            // Data checks read the data; a dry run reads nothing but manifests.
            if (!_command.DryRun)
                foreach (var stale in _planned.Where(p => p.Action == UnitAction.Run)) stale.Unit.Preflight?.Invoke();
            return null;
        }
        catch (ArgumentException e) when (_command.ExplainCode is { Count: > 0 })
        {
            return Refuse(e.Message, after: "");
        }
        catch (Exception e) when (e is DataFileException or Agop.Science.Images.Data.ClevrXaiException or IOException or UnauthorizedAccessException)
        {
            return Refuse(e.Message, e);
        }
    }

    /// <summary>--dry-run: each unit, to run and why or up to date, and the count line.</summary>
    public int? DryRun()
    {
        if (!_command.DryRun) return null;
        foreach (var p in _planned.Where(p => p.Action == UnitAction.Run || _settings.Verbosity != Verbosity.Quiet))
            output.WriteLine($"{(p.Action == UnitAction.Run ? "run  " : "reuse")} {p.Unit.Id,-40} {p.Reason}");
        output.WriteLine(RunSummary.DryRunLine(_planned));
        return 0;
    }

    /// <summary>Before any work: the executor's own check, an external libtorch, the artifacts folder.</summary>
    public int? CheckBeforeWork()
    {
        // With nothing to build there is nothing to start: no worker, no job (the configured executor is still checked).
        var configured = ExecutorKinds.For(_settings.Executor, _settings, HostCommand.Current(), slurm);
        if (configured.Problem() is { } problem) return Refuse(problem);
        _executor = _planned.Any(p => p.Action == UnitAction.Run) ? configured : ExecutorKinds.For(Executor.InProc, _settings, [], slurm);
        if (_settings.LibTorch.Length > 0)
        {
            try
            {
                ExternalLibTorch.Load(_settings.LibTorch);
            }
            catch (LibTorchException e)
            {
                return Refuse(e.Message);
            }
        }
        try
        {
            _store.EnsureCreated();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse($"cannot create the artifacts folder '{_store.Root}': {e.Message}", e);
        }
    }

    /// <summary>The stale units through the executor, with progress, Ctrl+C and the closing lines; then the report is published.</summary>
    public int RunUnits()
    {
        bool anything = _planned.Any(p => p.Action == UnitAction.Run);
        if (_settings.Verbosity != Verbosity.Quiet && anything) output.WriteLine(_settings.ParallelismLine);
        if (CodeOptimization.Warning(_planned.Count(p => p.Action == UnitAction.Run), CodeOptimization.IsOptimized) is { } slow) errors.WriteLine(slow);
        if (_executor is Pipeline.Execution.InProcess.InProcessKind)
        {
            foreach (var (name, value) in TorchRuntime.Facts(_settings.Threads, _settings.Device)) RunEnvironment.Set(name, value);
            RunEnvironment.Set("executor", "local"); // as a local worker records it: where the unit ran, not which process
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return; // a second Ctrl+C ends the process; artifacts stay consistent
            e.Cancel = true;
            cancel.Cancel();
            errors.WriteLine(_executor is SlurmKind
                ? "stopping: cancelling this run's Slurm jobs (scancel); committed units are kept"
                : "stopping: no new units start, running units finish and are kept (Ctrl+C again to abort)");
        };
        Console.CancelKeyPress += onCancel;
        RunSummary summary;
        IExecutor? executor = null;
        try
        {
            executor = _executor.Create(_store, Request(_command, _settings));
            Func<IRunObserver, RunSummary> run = observer => new Scheduler(_store, executor, observer).Run(_planned, cancel.Token);
            summary = UseLiveDisplay(_settings)
                ? LiveRunDisplay.Run(run)
                : run(new PlainRunDisplay(output, _settings.Verbosity, _settings.Jobs,
                    StageHistory.Medians(_store, _planned.Where(p => p.Action == UnitAction.Run).Select(p => p.Unit.Stage)),
                    UnitCostModel.LoadShipped(AppContext.BaseDirectory)));
        }
        finally
        {
            executor?.Dispose();
            Console.CancelKeyPress -= onCancel;
        }
        // The workers' logs are kept where something went wrong, and the failures below name them.
        string? closing = _executor.Close(executor, summary.Succeeded);
        foreach (var failure in summary.Results.Where(r => r.Outcome is UnitOutcome.Failed or UnitOutcome.Blocked))
            errors.WriteLine($"failed: {failure.Unit.Id}: {failure.Error}");
        if (closing is not null && _settings.Verbosity != Verbosity.Quiet) output.WriteLine(closing);
        return Publish(summary);
    }

    /// <summary>The report copied out of the store, --profile, and the last line.</summary>
    int Publish(RunSummary summary)
    {
        bool published = true;
        if (_plan.TryGetUnit(ReportTarget.UnitId, out var report) && _store.Verify(report).State == ArtifactState.Valid)
        {
            try
            {
                var exported = ReportExport.Export(_store, report, _settings.ArtifactsDirectory);
                if (_settings.Verbosity != Verbosity.Quiet) output.WriteLine($"report: {exported}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                published = false;
                errors.WriteLine($"error: could not publish the report to '{Path.GetFullPath(_settings.ArtifactsDirectory)}': {e.Message}");
                if (Diagnostic) errors.WriteLine(e);
            }
        }
        if (_command.Profile) published &= ProfileReport.Write(summary, _store, _settings, output, errors);
        if (_settings.Verbosity != Verbosity.Quiet) output.WriteLine($"took {summary.Elapsed.TotalSeconds:0.0}s");
        output.WriteLine(summary.LastLine);
        return summary.Succeeded && published ? 0 : 1;
    }

    /// <summary>What a worker needs to plan as this host did. Paths as the user gave them: workers start in this working directory.</summary>
    public static WorkerRequest Request(CommandLine command, RunnerSettings settings) =>
        new(command.Target, command.ConfigPath, command.Sets, settings.ArtifactsDirectory, settings.Threads, settings.Device,
            settings.LibTorch.Length > 0 ? Path.GetFullPath(settings.LibTorch) : "");

    static bool UseLiveDisplay(RunnerSettings settings) =>
        settings.Verbosity == Verbosity.Normal && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
}
