using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;

namespace Agop.Tests.Engine.Execution;

/// <summary>
/// An executor that builds nothing: each bundle it is given is answered at once by <see cref="Answer"/> (by default every
/// unit ran). It records the bundles and how many were in flight at once.
/// </summary>
sealed class FakeExecutor(int slots = 2) : IExecutor
{
    readonly Queue<ExecutionEvent> _events = new();
    readonly HashSet<int> _inFlight = [];

    public Func<ExecutionBundle, IEnumerable<ExecutionEvent>> Answer { get; set; } = Ran;
    public IBundlePolicy Bundling { get; init; } = new UnitOrGroupBundling();
    public int Slots => slots;
    public List<string[]> Bundles { get; } = [];
    public int MostInFlight { get; private set; }
    public int Cancels { get; private set; }
    public Action? OnNext { get; set; }

    public static IEnumerable<ExecutionEvent> Ran(ExecutionBundle bundle) =>
        bundle.Units.SelectMany(p => new ExecutionEvent[] { new UnitStartedEvent(p.Unit.Id), new UnitFinishedEvent(p.Unit.Id, UnitOutcome.Ran, TimeSpan.FromSeconds(1), null) })
            .Append(new BundleEndedEvent(bundle.Id, UnitOutcome.Failed, "not reported"));

    public void Start(IReadOnlyList<ExecutionBundle> bundles)
    {
        foreach (var bundle in bundles)
        {
            Bundles.Add(bundle.Units.Select(p => p.Unit.Id).ToArray());
            _inFlight.Add(bundle.Id);
            foreach (var e in Answer(bundle)) _events.Enqueue(e);
        }
        MostInFlight = Math.Max(MostInFlight, _inFlight.Count);
    }

    public IReadOnlyList<ExecutionEvent> Next(CancellationToken wake)
    {
        OnNext?.Invoke();
        var events = new List<ExecutionEvent>();
        while (_events.TryDequeue(out var e))
        {
            events.Add(e);
            if (e is BundleEndedEvent ended)
            {
                _inFlight.Remove(ended.BundleId);
                break; // one bundle's end per call, so slots free up one at a time
            }
        }
        return events;
    }

    public void Cancel() => Cancels++;

    public void Dispose() { }
}
