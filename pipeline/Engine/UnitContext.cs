namespace Agop.Pipeline.Engine;

/// <summary>What a running unit sees: where to write, where its inputs are, how to report progress, and its runtime.</summary>
public sealed class UnitContext
{
    readonly ArtifactStore _store;
    readonly Action<double, string?> _report;

    internal UnitContext(WorkUnit unit, string outputDirectory, ArtifactStore store, Action<double, string?> report, int threads)
    {
        Unit = unit;
        OutputDirectory = outputDirectory;
        _store = store;
        _report = report;
        Threads = threads;
    }

    public WorkUnit Unit { get; }
    /// <summary>A private temporary folder; moved into the store whole once the unit succeeds.</summary>
    public string OutputDirectory { get; }
    /// <summary>Compute threads for this unit (a runner setting, not part of the key).</summary>
    public int Threads { get; }

    public string Output(string fileName) => Path.Combine(OutputDirectory, fileName);

    /// <summary>The folder of the input declared under <paramref name="role"/>.</summary>
    public string Input(string role)
    {
        var matches = Unit.NamedInputs.Where(i => i.Role == role).ToList();
        if (matches.Count != 1)
            throw new InvalidOperationException($"{Unit.Id} has {matches.Count} inputs named '{role}' (declared: {string.Join(", ", Unit.NamedInputs.Select(i => i.Role).Distinct())})");
        return _store.UnitDirectory(matches[0].Unit);
    }

    /// <summary>The folders of every input declared under <paramref name="role"/>, by unit id.</summary>
    public IReadOnlyDictionary<string, string> Inputs(string role) =>
        Unit.NamedInputs.Where(i => i.Role == role).ToDictionary(i => i.Unit.Id, i => _store.UnitDirectory(i.Unit), StringComparer.Ordinal);

    /// <summary>Reports progress in [0, 1] with an optional short status.</summary>
    public void Report(double fraction, string? status = null) => _report(Math.Clamp(fraction, 0, 1), status);

    /// <summary>Records a measured quantity (e.g. wall time) in the manifest, outside the content hash.</summary>
    public void Record(string name, double value)
    {
        lock (Measurements) Measurements[name] = value;
    }

    internal Dictionary<string, double> Measurements { get; } = new(StringComparer.Ordinal);
}
