using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// A local worker process's side of <c>--executor local</c> (<c>--worker &lt;run folder&gt;</c>): plan once, exactly as the
/// host did, then build each bundle the host writes to stdin, writing its events to stdout; end when stdin ends.
/// Everything else this process prints goes to stderr, which the host keeps as the worker's log.
/// </summary>
public static class LocalWorker
{
    public static int Run(string runFolder, TextWriter log, IWorkerHost host)
    {
        var stdout = Console.OpenStandardOutput();
        Console.SetOut(log); // nothing but events on stdout
        IgnoreFirstInterrupt();
        using var events = new WorkerEventWriter(stdout);
        var (plan, problem) = Plan(new LocalRunFolder(runFolder), host);
        log.WriteLine(plan is null ? $"error: {problem}" : $"worker {Environment.ProcessId}: planned {plan.UnitCount} units");

        using var cancel = new CancellationTokenSource();
        using var orders = new BlockingCollection<WorkerOrder>();
        var busy = new StrongBox<bool>();
        new Thread(() => ReadOrders(orders, cancel, busy, log)) { IsBackground = true, Name = "orders" }.Start();
        try
        {
            foreach (var order in orders.GetConsumingEnumerable())
            {
                Volatile.Write(ref busy.Value, true);
                Build(order.Units ?? [], plan, problem, events, log, host, cancel.Token);
                Volatile.Write(ref busy.Value, false);
                // The worker ends rather than carry memory it cannot give back (or glibc's training settings) into the units
                // the host would send it next; the host starts a fresh one.
                string? retiring = WorkerMemory.AfterBundle(host);
                if (retiring is not null) events.Write(new WorkerEvent(WorkerEventKind.Retiring, null, Bundle: order.Bundle));
                events.Write(new WorkerEvent(WorkerEventKind.BundleDone, null, Bundle: order.Bundle));
                if (retiring is not null)
                {
                    log.WriteLine($"worker {Environment.ProcessId}: retiring after bundle {order.Bundle} ({retiring})");
                    break;
                }
            }
        }
        catch (IOException e)
        {
            log.WriteLine($"error: the host stopped reading this worker's events: {e.Message}");
            return 1;
        }
        log.WriteLine($"worker {Environment.ProcessId}: done; {System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled in " +
                      $"{System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.00}s, {GC.CollectionCount(0)} gen0 collections");
        return 0;
    }

    static (WorkerPlan? Plan, string Problem) Plan(LocalRunFolder folder, IWorkerHost host)
    {
        try
        {
            return (host.Plan(folder.ReadRequest(), Executor.Local), "");
        }
        catch (Exception e) when (e is ConfigException or FormatException or ArgumentException or IOException or UnauthorizedAccessException
                                      or InvalidDataException)
        {
            return (null, e.Message);
        }
    }

    static void Build(IReadOnlyList<BundledUnit> bundle, WorkerPlan? plan, string problem, WorkerEventWriter events, TextWriter log,
        IWorkerHost host, CancellationToken cancellation)
    {
        void Fail(string id, UnitOutcome outcome, string error) => events.Write(new WorkerEvent(WorkerEventKind.Finished, id, outcome, Error: error));
        if (plan is null)
        {
            foreach (var entry in bundle) Fail(entry.Id, UnitOutcome.Failed, $"this worker cannot plan the run: {problem}");
            return;
        }
        try
        {
            var runnable = plan.Check(bundle, Fail, "this worker",
                (input, detail) => $"input {input} is not valid in the artifacts folder '{plan.Store.Root}' ({detail})");
            if (runnable.Count == 0) return;
            plan.PrepareRuntime([("executor", "local")]);
            new Runner(plan.Store, 1, new WorkerObserver(events, log), plan.Settings.Threads).Run(runnable, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || host.IsRuntimeFailure(e))
        {
            // Units already reported keep their outcome; the host ignores a second report.
            log.WriteLine($"error: {e.Message}");
            foreach (var entry in bundle) Fail(entry.Id, UnitOutcome.Failed, e.Message);
        }
    }

    /// <summary>
    /// Stdin ends when the host is done with this worker, which it only is between bundles; an end in the middle of one
    /// means the host is gone (killed), and the unit's temp folder is left for a later run to remove.
    /// </summary>
    static void ReadOrders(BlockingCollection<WorkerOrder> orders, CancellationTokenSource cancel, StrongBox<bool> busy, TextWriter log)
    {
        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        string? line;
        while ((line = stdin.ReadLine()) is not null)
        {
            try
            {
                var order = WorkerOrder.Parse(line);
                if (order.Cancel) cancel.Cancel();
                else orders.Add(order);
            }
            catch (InvalidDataException e)
            {
                log.WriteLine($"ignored a line on stdin: {e.Message}");
            }
        }
        if (Volatile.Read(ref busy.Value))
        {
            log.WriteLine($"worker {Environment.ProcessId}: the host is gone; ending in the middle of a unit");
            Environment.Exit(1);
        }
        orders.CompleteAdding();
    }

    /// <summary>
    /// Ctrl+C on a terminal reaches the host and its workers alike. The host decides (no new bundles, running units finish),
    /// so the first one is not this worker's to act on; a second one ends it, as it ends the host.
    /// </summary>
    static void IgnoreFirstInterrupt()
    {
        bool seen = false;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !seen;
            seen = true;
        };
    }
}
