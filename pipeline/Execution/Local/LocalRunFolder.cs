namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// The folder of one run with local worker processes, <c>&lt;artifacts&gt;/runs/&lt;run id&gt;</c>: the request every worker
/// plans from, and each worker's stderr in <c>logs/worker-&lt;pid&gt;.log</c>.
/// </summary>
public sealed class LocalRunFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
    public string RequestFile => System.IO.Path.Combine(Path, "request.json");
    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");

    public static LocalRunFolder CreateUnder(string artifactsRoot)
    {
        var folder = new LocalRunFolder(System.IO.Path.Combine(artifactsRoot, "runs", RunFolderFiles.NewRunId()));
        Directory.CreateDirectory(folder.LogsDirectory);
        return folder;
    }

    public string LogFile(int pid) => System.IO.Path.Combine(LogsDirectory, $"worker-{pid}.log");

    public void WriteRequest(WorkerRequest request) => RunFolderFiles.Write(RequestFile, request);

    public WorkerRequest ReadRequest() => RunFolderFiles.Read<WorkerRequest>(RequestFile);
}
