namespace Agop.Pipeline.Execution;

/// <summary>
/// What every worker of one run (a local worker process, a Slurm job) needs to plan exactly as the host did: the target,
/// the config and its overrides, and the runner settings. Relative paths are as the user gave them: workers start in the
/// host's working directory, and a unit's key may cover a path's text.
/// </summary>
public sealed record WorkerRequest(
    string Target,
    string ConfigPath,
    IReadOnlyList<string> Sets,
    string ArtifactsDirectory,
    int Threads,
    string Device,
    string LibTorch);

/// <summary>One unit a worker must build: its id, the key the host planned, and why it runs.</summary>
public sealed record BundledUnit(string Id, string Key, string Reason);
