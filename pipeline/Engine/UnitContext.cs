namespace Agop.Pipeline.Engine;

/// <summary>What a running unit sees: where to write, where its inputs are, and how to report progress.</summary>
public sealed class UnitContext
{
    readonly ArtifactStore _store;
    readonly Action<double, string?> _report;

    internal UnitContext(WorkUnit unit, string outputDirectory, ArtifactStore store, Action<double, string?> report, CancellationToken cancellation)
    {
        Unit = unit;
        OutputDirectory = outputDirectory;
        _store = store;
        _report = report;
        Cancellation = cancellation;
    }

    public WorkUnit Unit { get; }
    /// <summary>A private temporary folder; moved into the store whole once the unit succeeds.</summary>
    public string OutputDirectory { get; }
    public CancellationToken Cancellation { get; }

    public string Output(string fileName) => Path.Combine(OutputDirectory, fileName);

    /// <summary>Path of a file written by one of this unit's inputs.</summary>
    public string Input(WorkUnit input, string fileName)
    {
        if (!Unit.Inputs.Contains(input))
            throw new InvalidOperationException($"{Unit.Id} did not declare {input.Id} as an input");
        return Path.Combine(_store.UnitDirectory(input), fileName);
    }

    /// <summary>Reports progress in [0, 1] with an optional short status.</summary>
    public void Report(double fraction, string? status = null) => _report(Math.Clamp(fraction, 0, 1), status);

    /// <summary>Records a measured quantity (e.g. wall time) in the manifest, outside the content hash.</summary>
    public void Record(string name, double value)
    {
        lock (Measurements) Measurements[name] = value;
    }

    internal Dictionary<string, double> Measurements { get; } = new(StringComparer.Ordinal);
}
