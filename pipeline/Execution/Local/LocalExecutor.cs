using System.ComponentModel;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// Builds units in worker processes on this machine (<c>--executor local</c>): up to <c>jobs</c> long-lived workers, each
/// this same host in worker mode, planned once from the run folder's request and then fed one bundle (a unit, or the ready
/// units of one group) at a time. A worker that dies (a native crash, an out-of-memory kill) fails only the units it had
/// not committed; the next bundle gets a new worker.
/// </summary>
public sealed class LocalExecutor(LocalRunFolder folder, IReadOnlyList<string> hostCommand, int jobs) : IExecutor
{
    readonly EventQueue _events = new();
    readonly List<WorkerProcess> _workers = [];
    readonly List<WorkerProcess> _ended = [];

    public int Slots => Math.Max(1, jobs);
    public IBundlePolicy Bundling { get; } = new UnitOrGroupBundling();
    public LocalRunFolder Folder => folder;

    public void Start(IReadOnlyList<ExecutionBundle> bundles)
    {
        foreach (var bundle in bundles)
        {
            try
            {
                // A worker that ended just now does not take it; a new one does, unless it ends at once too.
                if (!NextWorker().Send(bundle) && !NextWorker().Send(bundle))
                    throw new InvalidOperationException("workers end as soon as they start");
            }
            catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                string problem = $"cannot start a worker process ({hostCommand[0]}): {e.Message}";
                _events.Post(new ExecutorHaltedEvent("not run: " + problem));
                _events.Post(new BundleEndedEvent(bundle.Id, UnitOutcome.Failed, problem));
            }
        }
    }

    WorkerProcess NextWorker()
    {
        lock (_workers)
        {
            if (_workers.FirstOrDefault(w => w.IsIdle) is { } idle) return idle;
            var worker = WorkerProcess.Start(hostCommand, folder, _events, Ended);
            _workers.Add(worker);
            return worker;
        }
    }

    void Ended(WorkerProcess worker)
    {
        lock (_workers)
        {
            _workers.Remove(worker);
            _ended.Add(worker);
        }
    }

    public IReadOnlyList<ExecutionEvent> Next(CancellationToken wake) => _events.Take(wake);

    public void Cancel()
    {
        lock (_workers)
            foreach (var worker in _workers) worker.Cancel();
    }

    public void Dispose()
    {
        List<WorkerProcess> all;
        lock (_workers) all = [.. _workers, .. _ended];
        foreach (var worker in all) worker.Dispose();
        _events.Dispose();
    }
}
