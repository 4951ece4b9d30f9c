namespace Agop.Pipeline.Settings;

public enum Verbosity { Quiet, Normal, Diagnostic }

/// <summary>
/// How to run (not what to compute): artifacts folder, parallelism, torch threads, device, verbosity.
/// Each comes from the command line, else the environment (AGOP_SECTION_KEY), else cake.config,
/// else the built-in default.
/// </summary>
public sealed record RunnerSettings(string ArtifactsDirectory, int Jobs, int Threads, string Device, Verbosity Verbosity)
{
    public static readonly RunnerSettings Defaults = new("artifacts", 1, 2, "cpu", Verbosity.Normal);

    public static RunnerSettings Resolve(string? cakeConfigPath, IReadOnlyDictionary<string, string> commandLine,
        Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var file = cakeConfigPath is not null && File.Exists(cakeConfigPath)
            ? IniFile.Parse(cakeConfigPath, File.ReadAllText(cakeConfigPath))
            : new Dictionary<string, string>();

        string Pick(string cli, string section, string key, string fallback)
        {
            if (commandLine.TryGetValue(cli, out var fromCli)) return fromCli;
            if (environment($"AGOP_{section}_{key}".ToUpperInvariant()) is { Length: > 0 } fromEnv) return fromEnv;
            if (file.TryGetValue($"{section}_{key}", out var fromFile)) return fromFile;
            return fallback;
        }

        int PositiveInt(string name, string text) =>
            int.TryParse(text, out int n) && n >= 1 ? n : throw new FormatException($"{name} must be a positive integer, got '{text}'");

        var d = Defaults;
        string device = Pick("device", "Runner", "Device", d.Device).ToLowerInvariant();
        if (device is not ("cpu" or "cuda")) throw new FormatException($"device must be cpu or cuda, got '{device}'");
        string verbosity = Pick("verbosity", "Runner", "Verbosity", d.Verbosity.ToString());
        if (!Enum.TryParse<Verbosity>(verbosity, ignoreCase: true, out var level))
            throw new FormatException($"verbosity must be quiet, normal or diagnostic, got '{verbosity}'");
        return new RunnerSettings(
            Pick("artifacts", "Paths", "Artifacts", d.ArtifactsDirectory),
            PositiveInt("jobs", Pick("jobs", "Runner", "Jobs", d.Jobs.ToString())),
            PositiveInt("threads", Pick("threads", "Runner", "Threads", d.Threads.ToString())),
            device,
            level);
    }
}
