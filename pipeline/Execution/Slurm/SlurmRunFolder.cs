using Agop.Pipeline.Execution;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// The folder of one Slurm run under <c>&lt;artifacts&gt;/slurm/&lt;run id&gt;</c>: the request, the job script, one bundle
/// file per submission (task i of the array builds bundle i), an event file per task and the Slurm logs.
/// </summary>
public sealed class SlurmRunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string RequestFile => System.IO.Path.Combine(Path, "request.json");
    public string JobScript => System.IO.Path.Combine(Path, "job.sh");
    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");
    string BundlesDirectory => System.IO.Path.Combine(Path, "bundles");
    string EventsDirectory => System.IO.Path.Combine(Path, "events");

    public static SlurmRunFolder CreateUnder(string artifactsRoot)
    {
        var folder = new SlurmRunFolder(System.IO.Path.Combine(artifactsRoot, "slurm", RunFolderFiles.NewRunId()));
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

    public void WriteRequest(WorkerRequest request) => RunFolderFiles.Write(RequestFile, request);

    public WorkerRequest ReadRequest() => RunFolderFiles.Read<WorkerRequest>(RequestFile);

    public void WriteBundles(int submission, IReadOnlyList<IReadOnlyList<BundledUnit>> bundles) => RunFolderFiles.Write(BundleFile(submission), bundles);

    public IReadOnlyList<IReadOnlyList<BundledUnit>> ReadBundles(int submission) => RunFolderFiles.Read<List<List<BundledUnit>>>(BundleFile(submission));

    /// <summary>The script every job runs: the same built host, in worker mode, for one submission's bundles.</summary>
    public void WriteJobScript(IReadOnlyList<string> hostCommand)
    {
        string command = string.Join(' ', hostCommand.Select(Quote));
        RunFolderFiles.WriteAtomically(JobScript, $"""
            #!/bin/sh
            # Written by the agop host (--executor slurm): builds bundle $SLURM_ARRAY_TASK_ID of submission $1.
            exec {command} --slurm-worker {Quote(Path)} --submission "$1"

            """);
    }

    static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
