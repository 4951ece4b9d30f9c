using Agop.Pipeline.Config;

namespace Agop.Build.Cli;

/// <summary>The parsed command line of the task host.</summary>
public sealed record CommandLine(
    string Target,
    string ConfigPath,
    IReadOnlyList<string> Sets,
    bool DryRun,
    bool ForceAll,
    IReadOnlyList<string> ForceTargets,
    bool Tree,
    bool Help,
    IReadOnlyDictionary<string, string> RunnerOverrides,
    string? WorkerFolder = null,
    int Submission = 0,
    string? LocalWorkerFolder = null,
    IReadOnlyList<string>? ExplainCode = null,
    bool Profile = false)
{
    public const string Usage = """
        Usage: dotnet run --project build -- [options]

          --target <name>        target to build with everything it needs (default: Report)
                                 Generate, Train, FitAgop, Attribute, Evaluate, FetchData, SplitReal, Roar,
                                 GenerateImage, TrainImage, FitAgopImage, TraceAgopImage, AttributeImage,
                                 EvaluateImage, AttributeReal, Fei, Faithfulness, Report
          --config <file>        experiment config (default: configs/default.yaml)
          --set <key>=<value>    override any config key; repeatable (e.g. --set train.epochs=2)
          --dry-run              list each unit: to run and why, or up to date (quiet: only those to run)
          --force [<target>]     rerun every unit, or only the units of one target
          --jobs <n>|auto        units run in parallel (default from cake.config: auto, from the cores)
          --threads <n>|auto     torch threads per unit (default from cake.config: auto; AGOP_CORES overrides the core count)
          --libtorch <dir>       load libtorch from this folder (e.g. a PyTorch install's torch/lib) instead of the bundled one
          --device cpu|cuda      compute device (cuda needs a -p:TorchBackend=cuda build)
          --executor <name>      where units run (default from cake.config, else local):
                                   local   worker processes on this machine, --jobs of them (a crash fails only its units)
                                   inproc  threads of this process (fastest start; a native crash ends the run)
                                   slurm   Slurm jobs over a shared artifacts folder
          --partition <name>     Slurm partition for the jobs, with --executor slurm only (default: cake.config [Slurm] Partition,
                                 else the cluster's)
          --artifacts <dir>      artifact folder (default: artifacts)
          --verbosity <level>    quiet | normal | diagnostic
          --profile              after the run, per stage: units built, total and mean seconds, the longest unit, the largest
                                 peak RSS; printed and written to <artifacts>/profile.csv
          --tree                 print the target graph and exit
          --explain-code <file>  which units' code reaches this source file (what editing it makes stale); repeatable
          --help                 this text

        Settings precedence: command line > environment (AGOP_RUNNER_JOBS, AGOP_RUNNER_THREADS,
        AGOP_RUNNER_DEVICE, AGOP_RUNNER_EXECUTOR, AGOP_RUNNER_VERBOSITY, AGOP_PATHS_ARTIFACTS, AGOP_SLURM_PARTITION, …)
        > cake.config > defaults. Slurm job resources: cake.config's [Slurm] section (see docs/executors.md, "Run on a cluster").
        """;

    /// <summary>The options a user types (the internal worker options are left out of suggestions).</summary>
    static readonly string[] Options =
    [
        "--target", "--config", "--set", "--dry-run", "--force", "--jobs", "--threads", "--libtorch", "--device", "--artifacts",
        "--verbosity", "--executor", "--partition", "--tree", "--profile", "--explain-code", "--help",
    ];

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string target = "Report", config = "configs/default.yaml";
        var sets = new List<string>();
        var force = new List<string>();
        var explain = new List<string>();
        bool dryRun = false, forceAll = false, tree = false, help = false, profile = false;
        string? worker = null, localWorker = null;
        int submission = 0;
        var runner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new ArgumentException($"{arg} needs a value");
                return args[++i];
            }
            switch (arg)
            {
                case "--target": target = Value(); break;
                case "--config": config = Value(); break;
                case "--set": sets.Add(Value()); break;
                case "--dry-run": dryRun = true; break;
                case "--force":
                    if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) force.Add(args[++i]);
                    else forceAll = true;
                    break;
                case "--jobs": runner["jobs"] = Value(); break;
                case "--threads": runner["threads"] = Value(); break;
                case "--libtorch": runner["libtorch"] = Value(); break;
                case "--device": runner["device"] = Value(); break;
                case "--artifacts": runner["artifacts"] = Value(); break;
                case "--verbosity": runner["verbosity"] = Value(); break;
                case "--executor": runner["executor"] = Value(); break;
                case "--partition": runner["slurm-partition"] = Value(); break;
                // Internal: how a Slurm job runs this host on its bundle of units (see SlurmWorker).
                case "--slurm-worker": worker = Value(); break;
                // Internal: how --executor local runs this host as a worker process (see LocalWorker).
                case "--worker": localWorker = Value(); break;
                case "--submission":
                    string n = Value();
                    submission = int.TryParse(n, out int s) && s >= 0 ? s : throw new ArgumentException($"--submission needs a number, got '{n}'");
                    break;
                case "--tree": tree = true; break;
                case "--profile": profile = true; break;
                case "--explain-code": explain.Add(Value()); break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"unknown option '{arg}'" + (ConfigSchema.Closest(arg, Options) is { } close ? $" (did you mean '{close}'?)" : ""));
            }
        }
        return new CommandLine(target, config, sets, dryRun, forceAll, force, tree, help, runner, worker, submission, localWorker, explain, profile);
    }
}
