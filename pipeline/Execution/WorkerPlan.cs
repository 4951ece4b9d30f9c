using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;

namespace Agop.Pipeline.Execution;

/// <summary>
/// A worker's plan (local worker process or Slurm job): the host's request planned exactly as the host did
/// (<see cref="IWorkerHost.Plan"/>), and the check of each unit it is sent against that plan. A unit whose key differs, whose
/// input failed in the same bundle, or whose input is not in the store is refused rather than built.
/// </summary>
public sealed class WorkerPlan
{
    readonly PlanContext _plan;
    readonly Action<RunnerSettings> _prepareRuntime;
    bool _runtimeReady;

    /// <param name="prepareRuntime">Once, before the first unit: the program's runtime for these settings (its libtorch, the facts
    /// every manifest records about it).</param>
    public WorkerPlan(PlanContext plan, RunnerSettings settings, Action<RunnerSettings> prepareRuntime)
    {
        _plan = plan;
        _prepareRuntime = prepareRuntime;
        Settings = settings;
        Store = new ArtifactStore(settings.ArtifactsDirectory);
    }

    public RunnerSettings Settings { get; }
    public ArtifactStore Store { get; }

    public int UnitCount => _plan.Units.Count;

    /// <param name="refuse">Told each unit that will not be built: its id, outcome and why.</param>
    /// <param name="who">This worker, in words ("this job"), for the refusals.</param>
    /// <param name="missingInput">Why an input outside the bundle is not in the store, in words, given its id and the store's finding.</param>
    /// <returns>The units to build, in the bundle's order.</returns>
    public IReadOnlyList<PlannedUnit> Check(IReadOnlyList<BundledUnit> bundle, Action<string, UnitOutcome, string> refuse, string who,
        Func<string, string, string> missingInput)
    {
        var runnable = new List<PlannedUnit>();
        var notRun = new HashSet<string>(StringComparer.Ordinal);
        var bundled = bundle.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        void Refuse(string id, UnitOutcome outcome, string error)
        {
            refuse(id, outcome, error);
            notRun.Add(id);
        }
        foreach (var entry in bundle)
        {
            if (!_plan.TryGetUnit(entry.Id, out var unit) || unit.Key != entry.Key)
            {
                Refuse(entry.Id, UnitOutcome.Failed, $"{who} plans {entry.Id} with another key than the host " +
                                                     "(the config, its data or the build changed after the run started); run again");
                continue;
            }
            if (unit.Inputs.FirstOrDefault(i => notRun.Contains(i.Id)) is { } blocked)
            {
                Refuse(entry.Id, UnitOutcome.Blocked, $"not run: input {blocked.Id} failed");
                continue;
            }
            // Verify remembers; an input found missing is read again, as another process may have committed it since.
            if (unit.Inputs.FirstOrDefault(i => !bundled.Contains(i.Id) && Store.Verify(i).State != ArtifactState.Valid
                                                 && Store.Recheck(i).State != ArtifactState.Valid) is { } missing)
            {
                Refuse(entry.Id, UnitOutcome.Failed, missingInput(missing.Id, Store.Verify(missing).Detail));
                continue;
            }
            runnable.Add(new PlannedUnit(unit, UnitAction.Run, entry.Reason));
        }
        return runnable;
    }

    /// <summary>Once, before the first unit: the program's runtime, the store's folders, and the facts every manifest records.</summary>
    public void PrepareRuntime(IEnumerable<(string Name, string Value)> facts)
    {
        if (_runtimeReady) return;
        _prepareRuntime(Settings);
        Store.EnsureCreated();
        foreach (var (name, value) in facts) RunEnvironment.Set(name, value);
        _runtimeReady = true;
    }
}
