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
    IReadOnlyDictionary<string, string> RunnerOverrides)
{
    public const string Usage = """
        Usage: dotnet run --project build -- [options]

          --target <name>        target to build with everything it needs (default: Report)
                                 Generate, Train, FitAgop, Attribute, Evaluate, FetchData, Roar,
                                 GenerateImage, TrainImage, FitAgopImage, AttributeImage, EvaluateImage,
                                 AttributeReal, Fei, Faithfulness, Report
          --config <file>        experiment config (default: configs/default.yaml)
          --set <key>=<value>    override any config key; repeatable (e.g. --set train.epochs=2)
          --dry-run              list each unit: to run and why, or up to date (quiet: only those to run)
          --force [<target>]     rerun every unit, or only the units of one target
          --jobs <n>             units run in parallel (default from cake.config)
          --threads <n>          torch threads per unit (default from cake.config)
          --libtorch <dir>       load libtorch from this folder (e.g. a PyTorch install's torch/lib) instead of the bundled one
          --device cpu|cuda      compute device (cuda needs a -p:TorchBackend=cuda build)
          --artifacts <dir>      artifact folder (default: artifacts)
          --verbosity <level>    quiet | normal | diagnostic
          --tree                 print the target graph and exit
          --help                 this text

        Settings precedence: command line > environment (AGOP_RUNNER_JOBS, AGOP_RUNNER_THREADS,
        AGOP_RUNNER_DEVICE, AGOP_RUNNER_VERBOSITY, AGOP_PATHS_ARTIFACTS) > cake.config > defaults.
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        string target = "Report", config = "configs/default.yaml";
        var sets = new List<string>();
        var force = new List<string>();
        bool dryRun = false, forceAll = false, tree = false, help = false;
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
                case "--tree": tree = true; break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"unknown option '{arg}'");
            }
        }
        return new CommandLine(target, config, sets, dryRun, forceAll, force, tree, help, runner);
    }
}
