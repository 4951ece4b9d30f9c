using Agop.Pipeline.Execution.Slurm;

namespace Agop.Tests.Cluster;

/// <summary>
/// A scheduler that accepts jobs and never runs them: every task sits in <see cref="StateOfEveryTask"/> until cancelled.
/// It stands in for a cluster whose nodes cannot see the artifacts folder, or one that a test cancels.
/// </summary>
sealed class FakeSlurm(string stateOfEveryTask) : ISlurmClient
{
    readonly Dictionary<string, int> _tasks = new(StringComparer.Ordinal);
    readonly HashSet<string> _cancelled = new(StringComparer.Ordinal);

    public string StateOfEveryTask { get; set; } = stateOfEveryTask;
    public List<IReadOnlyList<string>> Submissions { get; } = [];
    public List<IReadOnlyCollection<string>> Cancellations { get; } = [];
    public string SearchPath => "/fake";
    public string? MissingCommand() => null;
    public IReadOnlyList<SlurmPartition> Partitions() => [new("debug", true, null)];

    public string Submit(IReadOnlyList<string> options, string script, IReadOnlyList<string> scriptArguments)
    {
        lock (_tasks)
        {
            string id = (100 + Submissions.Count).ToString();
            Submissions.Add(options);
            var array = options.Single(o => o.StartsWith("--array=0-", StringComparison.Ordinal));
            _tasks[id] = int.Parse(array["--array=0-".Length..]) + 1;
            return id;
        }
    }

    public IReadOnlyDictionary<string, SlurmJobState> States(IReadOnlyCollection<string> jobIds)
    {
        lock (_tasks)
            return jobIds.Where(_tasks.ContainsKey)
                .SelectMany(id => Enumerable.Range(0, _tasks[id]).Select(t => $"{id}_{t}")
                    .Select(task => new SlurmJobState(task, _cancelled.Contains(id) ? "CANCELLED" : StateOfEveryTask, "None")))
                .ToDictionary(s => s.JobId, StringComparer.Ordinal);
    }

    public void Cancel(IReadOnlyCollection<string> jobIds)
    {
        lock (_tasks)
        {
            Cancellations.Add(jobIds);
            foreach (var id in jobIds) _cancelled.Add(id);
        }
    }
}
