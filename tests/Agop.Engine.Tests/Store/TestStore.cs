using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine.Store;

/// <summary>A throw-away store folder and one-file units, for engine tests that need no science.</summary>
public sealed class TestStore : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "agop-hardening-" + Guid.NewGuid().ToString("N"));

    /// <summary>A fresh store object on the folder, as a new run (or another process) would open it.</summary>
    public ArtifactStore Open() => new(Root);

    public static WorkUnit Unit(string id, Action<UnitContext>? execute = null, IReadOnlyList<WorkUnit>? inputs = null) =>
        new(id, "Test", "code-v1", id, new Dictionary<string, string> { ["id"] = id }, (inputs ?? []).Select(i => new UnitInput("in", i)).ToList(),
            execute ?? (context => File.WriteAllText(context.Output("out.txt"), id)));

    public RunSummary Run(params WorkUnit[] units) => Run(CancellationToken.None, units);

    public RunSummary Run(CancellationToken cancellation, params WorkUnit[] units)
    {
        var store = Open();
        return new Runner(store, jobs: 2, NullObserver.Instance).Run(Planner.Plan(units, store), cancellation);
    }

    /// <summary>Writes the unit's files into a new temp folder and commits it, as a finished unit would.</summary>
    public static Manifest CommitBy(ArtifactStore store, WorkUnit unit, double seconds)
    {
        string temp = store.NewTempDirectory(unit);
        File.WriteAllText(Path.Combine(temp, "out.txt"), unit.Id);
        return store.Commit(unit, temp, seconds, new Dictionary<string, double>());
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
