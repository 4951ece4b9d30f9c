using System.Text;
using Agop.Pipeline.Config;

namespace Agop.Pipeline.Engine;

/// <summary>
/// One (stage, dataset, seed[, method][, fraction]) piece of work. Its key hashes the stage's
/// logic version, the config values it reads and the keys of the units it consumes.
/// </summary>
public sealed class WorkUnit
{
    public WorkUnit(string id, string stage, int logicVersion, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyList<WorkUnit> inputs, Action<UnitContext> execute)
    {
        Id = id;
        Stage = stage;
        LogicVersion = logicVersion;
        Parameters = new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal);
        Inputs = inputs;
        Execute = execute;
        Key = ComputeKey();
    }

    public string Id { get; }
    public string Stage { get; }
    public int LogicVersion { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public IReadOnlyList<WorkUnit> Inputs { get; }
    public Action<UnitContext> Execute { get; }
    public string Key { get; }
    public string ShortKey => Key[..12];

    /// <summary>Cheap checks (e.g. that input files parse) run before any unit starts when this unit is stale.</summary>
    public Action? Preflight { get; init; }

    string ComputeKey()
    {
        var text = new StringBuilder();
        text.Append("stage=").Append(Stage).Append('\n');
        text.Append("logic=").Append(LogicVersion).Append('\n');
        foreach (var (name, value) in Parameters) text.Append("param:").Append(name).Append('=').Append(value).Append('\n');
        foreach (var input in Inputs.OrderBy(i => i.Id, StringComparer.Ordinal))
            text.Append("input:").Append(input.Id).Append('=').Append(input.Key).Append('\n');
        return ExperimentConfig.Sha256Hex(text.ToString());
    }

    public override string ToString() => Id;
}
