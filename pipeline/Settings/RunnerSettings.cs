using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Settings;

public enum Verbosity { Quiet, Normal, Diagnostic }

/// <summary>
/// Where units run: <see cref="InProc"/> on threads of the host process, <see cref="Local"/> in worker processes on this
/// machine (so a native crash fails only its units), <see cref="Slurm"/> as Slurm batch jobs over a shared artifacts folder.
/// </summary>
public enum Executor { InProc, Local, Slurm }

/// <summary>
/// How to run (not what to compute): artifacts folder, parallelism, torch threads, device, verbosity, an external libtorch
/// folder (e.g. a PyTorch install's torch/lib; empty: the bundled one), the executor and its Slurm job resources.
/// Jobs is the number of units (or bundles: worker processes, Slurm jobs) in flight at once.
/// Each comes from the command line, else the environment (AGOP_SECTION_KEY), else cake.config,
/// else the built-in default.
/// </summary>
/// <param name="Auto">How <see cref="Jobs"/> and <see cref="Threads"/> were chosen where either was <c>auto</c>
/// (e.g. "auto: 2 cores"); empty where both were numbers.</param>
public sealed record RunnerSettings(string ArtifactsDirectory, int Jobs, int Threads, string Device, Verbosity Verbosity, string LibTorch = "",
    Executor Executor = Executor.Local, SlurmSettings? Slurm = null, string Auto = "")
{
    /// <summary>The value of --jobs and --threads that derives them from the cores (see <see cref="AutoParallelism"/>).</summary>
    public const string AutoValue = "auto";

    /// <summary>The line a run starts with, e.g. "jobs 2 × threads 1 (auto: 2 cores)".</summary>
    public string ParallelismLine => $"jobs {Jobs} × threads {Threads}" + (Auto.Length > 0 ? $" ({Auto})" : "");

    public static readonly RunnerSettings Defaults = new("artifacts", 1, 2, "cpu", Verbosity.Normal);

    /// <summary>The Slurm job resources (the defaults when none were resolved).</summary>
    public SlurmSettings SlurmJobs => Slurm ?? SlurmSettings.Defaults;

    /// <summary>The keys cake.config may hold, as (section, key, command-line option).</summary>
    static readonly (string Section, string Key, string Option)[] Known =
    [
        ("Paths", "Artifacts", "artifacts"), ("Runner", "Jobs", "jobs"), ("Runner", "Threads", "threads"),
        ("Runner", "Device", "device"), ("Runner", "Verbosity", "verbosity"), ("Runner", "LibTorch", "libtorch"),
        ("Runner", "Executor", "executor"),
        ("Slurm", "Partition", "slurm-partition"), ("Slurm", "Time", "slurm-time"), ("Slurm", "TrainingTime", "slurm-training-time"),
        ("Slurm", "TrainingStages", "slurm-training-stages"), ("Slurm", "Memory", "slurm-memory"), ("Slurm", "Gpus", "slurm-gpus"),
        ("Slurm", "ExtraArgs", "slurm-extra-args"), ("Slurm", "UnitsPerJob", "slurm-units-per-job"),
    ];

    /// <param name="stages">The pipeline's stage names (for messages).</param>
    /// <param name="longRunning">The stages whose units get <c>[Slurm] TrainingTime</c>: the targets marked <c>[LongRunning]</c>.</param>
    public static RunnerSettings Resolve(string? cakeConfigPath, IReadOnlyDictionary<string, string> commandLine,
        Func<string, string?>? environment = null, IReadOnlyCollection<string>? stages = null, IReadOnlyList<string>? longRunning = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var file = cakeConfigPath is not null && File.Exists(cakeConfigPath)
            ? ReadCakeConfig(cakeConfigPath)
            : new Dictionary<string, IniEntry>(StringComparer.OrdinalIgnoreCase);

        // Each value with where it came from, so a bad one can be traced to its source.
        (string Value, string Source) Pick(string section, string key, string fallback)
        {
            string option = Known.Single(k => k.Section == section && k.Key == key).Option;
            if (commandLine.TryGetValue(option, out var fromCli)) return (fromCli, $"--{option}");
            string variable = $"AGOP_{section}_{key}".ToUpperInvariant();
            if (environment(variable) is { Length: > 0 } fromEnv) return (fromEnv, $"environment variable {variable}");
            if (file.TryGetValue($"{section}_{key}", out var entry)) return (entry.Value, $"{cakeConfigPath}:{entry.Line} [{entry.Section}] {entry.Key}");
            return (fallback, "built-in default");
        }

        // A positive number, or null for auto.
        int? CountOrAuto(string name, (string Value, string Source) picked) =>
            string.Equals(picked.Value.Trim(), AutoValue, StringComparison.OrdinalIgnoreCase) ? null
            : int.TryParse(picked.Value, out int n) && n >= 1 ? n
            : throw new FormatException($"{name} must be a positive integer or {AutoValue}, got '{picked.Value}' (from {picked.Source})");

        int PositiveInt(string name, (string Value, string Source) picked) =>
            int.TryParse(picked.Value, out int n) && n >= 1 ? n
                : throw new FormatException($"{name} must be a positive integer, got '{picked.Value}' (from {picked.Source})");

        var d = Defaults;
        var device = Pick("Runner", "Device", d.Device);
        if (device.Value.ToLowerInvariant() is not ("cpu" or "cuda"))
            throw new FormatException($"device must be cpu or cuda, got '{device.Value}' (from {device.Source})");
        var verbosity = Pick("Runner", "Verbosity", d.Verbosity.ToString());
        if (!Enum.TryParse<Verbosity>(verbosity.Value, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            throw new FormatException($"verbosity must be quiet, normal or diagnostic, got '{verbosity.Value}' (from {verbosity.Source})");
        var artifacts = Pick("Paths", "Artifacts", d.ArtifactsDirectory);
        if (ArtifactsPath.Problem(artifacts.Value) is { } problem)
            throw new FormatException($"artifacts folder {problem} (from {artifacts.Source})");
        var executor = Pick("Runner", "Executor", Name(d.Executor));
        var runOn = Executors.FirstOrDefault(e => string.Equals(Name(e), executor.Value.Trim(), StringComparison.OrdinalIgnoreCase), (Executor)(-1));
        if (runOn == (Executor)(-1))
            throw new FormatException($"executor must be {string.Join(", ", Executors.Select(Name))}, got '{executor.Value}' (from {executor.Source})");
        if (runOn != Executor.Slurm) RefuseSlurmOptions(commandLine, environment, $"{Name(runOn)} (from {executor.Source})");
        int? jobs = CountOrAuto("jobs", Pick("Runner", "Jobs", AutoValue));
        int? threads = CountOrAuto("threads", Pick("Runner", "Threads", AutoValue));
        string auto = "";
        if (jobs is null || threads is null)
        {
            var (cores, coresSource) = AutoParallelism.Cores(environment);
            string which = jobs is null && threads is null ? "auto" : jobs is null ? "jobs auto" : "threads auto";
            auto = $"{which}: {cores} cores{(coresSource.Length > 0 ? " " + coresSource : "")}";
            (jobs, threads) = AutoParallelism.Resolve(cores, device.Value, jobs, threads);
        }
        return new RunnerSettings(
            artifacts.Value,
            jobs.Value,
            threads.Value,
            device.Value.ToLowerInvariant(),
            level,
            Pick("Runner", "LibTorch", d.LibTorch).Value,
            runOn,
            ResolveSlurm(Pick, PositiveInt, longRunning ?? []),
            auto);
    }

    static readonly Executor[] Executors = Enum.GetValues<Executor>();

    /// <summary>The executor as the command line and cake.config spell it: inproc, local, slurm.</summary>
    public static string Name(Executor executor) => executor.ToString().ToLowerInvariant();

    /// <summary>A Slurm resource asked for on the command line or in the environment is a mistake with another executor.</summary>
    static void RefuseSlurmOptions(IReadOnlyDictionary<string, string> commandLine, Func<string, string?> environment, string executor)
    {
        foreach (var (section, key, option) in Known.Where(k => k.Section == "Slurm"))
        {
            string variable = $"AGOP_{section}_{key}".ToUpperInvariant();
            string? given = commandLine.ContainsKey(option) ? $"--{option.Replace("slurm-", "")}"
                : environment(variable) is { Length: > 0 } ? $"environment variable {variable}" : null;
            if (given is not null)
                throw new FormatException($"{given} is an option of the Slurm executor, but the executor is {executor}; " +
                                          "use it with --executor slurm, or leave it out");
        }
    }

    static SlurmSettings ResolveSlurm(Func<string, string, string, (string Value, string Source)> pick,
        Func<string, (string Value, string Source), int> positiveInt, IReadOnlyList<string> longRunning)
    {
        var d = SlurmSettings.Defaults;
        var trainingStages = pick("Slurm", "TrainingStages", "");
        if (trainingStages.Value.Length > 0)
            throw new FormatException($"Slurm TrainingStages is no longer a setting (from {trainingStages.Source}): the stages whose units get TrainingTime " +
                $"are the targets marked [LongRunning] ({string.Join(", ", longRunning)}); remove the line");
        TimeSpan Time(string key, TimeSpan fallback)
        {
            var picked = pick("Slurm", key, SlurmSettings.Format(fallback));
            return SlurmSettings.TryParseTime(picked.Value, out var time) ? time
                : throw new FormatException($"Slurm {key} must be a time limit such as 30, 02:00:00 or 1-00:00:00, got '{picked.Value}' (from {picked.Source})");
        }
        var gpus = pick("Slurm", "Gpus", d.Gpus.ToString());
        if (!int.TryParse(gpus.Value, out int gpuCount) || gpuCount < 0)
            throw new FormatException($"Slurm Gpus must be 0 or more, got '{gpus.Value}' (from {gpus.Source})");
        var partition = pick("Slurm", "Partition", d.Partition);
        if (partition.Value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"'))
            throw new FormatException($"Slurm Partition must be one partition name, got '{partition.Value}' (from {partition.Source})");
        var memory = pick("Slurm", "Memory", d.Memory);
        if (memory.Value.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(memory.Value, "^[0-9]+[KMGT]?$"))
            throw new FormatException($"Slurm Memory must be a size such as 4G or 4000M, got '{memory.Value}' (from {memory.Source})");
        return new SlurmSettings(
            partition.Value,
            Time("Time", d.Time),
            Time("TrainingTime", d.TrainingTime),
            longRunning,
            memory.Value,
            gpuCount,
            pick("Slurm", "ExtraArgs", d.ExtraArgs).Value,
            positiveInt("Slurm UnitsPerJob", pick("Slurm", "UnitsPerJob", d.UnitsPerJob.ToString())));
    }

    /// <summary>The file's entries by "Section_Key"; a key this runner does not know is an error, with a suggestion.</summary>
    static Dictionary<string, IniEntry> ReadCakeConfig(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{path}: cannot be read: {e.Message}");
        }
        var entries = new Dictionary<string, IniEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in IniFile.Entries(path, text))
        {
            if (!Known.Any(k => string.Equals($"{k.Section}_{k.Key}", entry.Name, StringComparison.OrdinalIgnoreCase)))
            {
                string hint = ClosestKnown(entry) is { } close ? $" (did you mean '{close}'?)" : "";
                throw new FormatException($"{path}:{entry.Line}: unknown key '{entry.Key}' in section [{entry.Section}]{hint}; " +
                                          $"known: {string.Join(", ", Known.Select(k => $"[{k.Section}] {k.Key}"))}");
            }
            entries[entry.Name] = entry;
        }
        return entries;
    }

    static string? ClosestKnown(IniEntry entry)
    {
        // The right key under the wrong section first, then the nearest spelling.
        var sameKey = Known.Where(k => string.Equals(k.Key, entry.Key, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameKey.Count > 0) return $"[{sameKey[0].Section}] {sameKey[0].Key}";
        string name = entry.Name.ToLowerInvariant();
        var best = Known
            .Select(k => (Text: $"[{k.Section}] {k.Key}", Distance: ConfigSchema.Levenshtein($"{k.Section}_{k.Key}".ToLowerInvariant(), name)))
            .MinBy(c => c.Distance);
        return best.Distance <= Math.Max(2, name.Length / 3) ? best.Text : null;
    }
}
