using System.Text.Json;

namespace Agop.Pipeline.Cluster;

/// <summary>
/// What every job of one Slurm run needs to plan exactly as the submitting host did: the target, the config and its
/// overrides, and the runner settings. Relative paths are as the user gave them: jobs start in the submitting host's
/// working directory (sbatch --chdir), and a unit's key may cover a path's text.
/// </summary>
public sealed record SlurmRequest(
    string Target,
    string ConfigPath,
    IReadOnlyList<string> Sets,
    string ArtifactsDirectory,
    int Threads,
    string Device,
    string LibTorch);

/// <summary>One unit a job must build: its id, the key the submitting host planned, and why it runs.</summary>
public sealed record BundledUnit(string Id, string Key, string Reason);

/// <summary>
/// The folder of one Slurm run under <c>&lt;artifacts&gt;/slurm/&lt;run id&gt;</c>: the request, the job script, one bundle
/// file per submission (task i of the array builds bundle i), an event file per task and the Slurm logs.
/// </summary>
public sealed class SlurmRunFolder(string path)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, RespectNullableAnnotations = true };

    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string RequestFile => System.IO.Path.Combine(Path, "request.json");
    public string JobScript => System.IO.Path.Combine(Path, "job.sh");
    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");
    string BundlesDirectory => System.IO.Path.Combine(Path, "bundles");
    string EventsDirectory => System.IO.Path.Combine(Path, "events");

    public static SlurmRunFolder CreateUnder(string artifactsRoot)
    {
        string id = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var folder = new SlurmRunFolder(System.IO.Path.Combine(artifactsRoot, "slurm", id));
        Directory.CreateDirectory(folder.BundlesDirectory);
        Directory.CreateDirectory(folder.EventsDirectory);
        Directory.CreateDirectory(folder.LogsDirectory);
        return folder;
    }

    /// <summary>Slurm substitutes %A (array job id) and %a (task index).</summary>
    public string LogPattern => System.IO.Path.Combine(LogsDirectory, "%A_%a.log");
    public string LogFile(string arrayJobId, int task) => System.IO.Path.Combine(LogsDirectory, $"{arrayJobId}_{task}.log");
    public string BundleFile(int submission) => System.IO.Path.Combine(BundlesDirectory, $"{submission}.json");
    public string EventFile(int submission, int task) => System.IO.Path.Combine(EventsDirectory, $"{submission}_{task}.jsonl");

    public void WriteRequest(SlurmRequest request) => WriteAtomically(RequestFile, JsonSerializer.Serialize(request, Json));

    public SlurmRequest ReadRequest() => Read<SlurmRequest>(RequestFile);

    public void WriteBundles(int submission, IReadOnlyList<IReadOnlyList<BundledUnit>> bundles) =>
        WriteAtomically(BundleFile(submission), JsonSerializer.Serialize(bundles, Json));

    public IReadOnlyList<IReadOnlyList<BundledUnit>> ReadBundles(int submission) =>
        Read<List<List<BundledUnit>>>(BundleFile(submission));

    /// <summary>The script every job runs: the same built host, in worker mode, for one submission's bundles.</summary>
    public void WriteJobScript(IReadOnlyList<string> hostCommand)
    {
        string command = string.Join(' ', hostCommand.Select(Quote));
        WriteAtomically(JobScript, $"""
            #!/bin/sh
            # Written by the agop host (--executor slurm): builds bundle $SLURM_ARRAY_TASK_ID of submission $1.
            exec {command} --slurm-worker {Quote(Path)} --submission "$1"

            """);
    }

    static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    static T Read<T>(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} is empty");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new InvalidDataException($"{file} is not readable: {e.Message}", e);
        }
    }

    static void WriteAtomically(string file, string text)
    {
        string temp = file + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, text);
        File.Move(temp, file, overwrite: true);
    }
}
