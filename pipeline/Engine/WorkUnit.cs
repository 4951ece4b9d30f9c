using System.Text;
using Agop.Pipeline.Config;

namespace Agop.Pipeline.Engine;

/// <summary>An input of a unit under the name its code reads it by (e.g. "model", "data").</summary>
public sealed record UnitInput(string Role, WorkUnit Unit);

/// <summary>
/// One (stage, dataset, seed[, method][, fraction]) piece of work. Its key hashes the stage, the
/// content hash of the code that computes it, its typed settings (exactly what its code receives)
/// and the keys of the units it consumes.
/// </summary>
public sealed class WorkUnit
{
    public WorkUnit(string id, string stage, string codeVersion, string settings, IReadOnlyDictionary<string, string> parameters,
        IReadOnlyList<UnitInput> inputs, Action<UnitContext> execute, IReadOnlyDictionary<string, string>? facts = null)
    {
        Id = id;
        Stage = stage;
        CodeVersion = codeVersion;
        Settings = settings;
        Facts = facts ?? NoFacts;
        var all = new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in Facts) all[name] = value;
        Parameters = all;
        NamedInputs = inputs;
        Inputs = inputs.Select(i => i.Unit).Distinct().ToList();
        Execute = execute;
        Key = ComputeKey();
    }

    public string Id { get; }
    public string Stage { get; }
    /// <summary>Content hash of the source files the stage's code depends on (build-time).</summary>
    public string CodeVersion { get; }
    static readonly IReadOnlyDictionary<string, string> NoFacts = new Dictionary<string, string>();

    /// <summary>The run facts its key covers (<see cref="KeyFacts"/>), also listed in <see cref="Parameters"/>.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; }
    /// <summary>The unit's typed settings as canonical JSON.</summary>
    public string Settings { get; }
    /// <summary>The config keys (and runner values) the settings were read from, for "why is this stale".</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }
    public IReadOnlyList<UnitInput> NamedInputs { get; }
    public IReadOnlyList<WorkUnit> Inputs { get; }
    public Action<UnitContext> Execute { get; }
    public string Key { get; }
    public string ShortKey => Key[..12];

    /// <summary>The stage's code for this unit as written (a static lambda taking the context and the settings).</summary>
    public Delegate? Body { get; init; }

    /// <summary>Cheap checks (e.g. that input files parse) run before any unit starts when this unit is stale.</summary>
    public Action? Preflight { get; init; }

    /// <summary>
    /// Units with the same group key and a <see cref="GroupExecute"/> that are ready at the same moment run as one call of it
    /// (e.g. ROAR's retrainings of one dataset and seed, trained as one stacked model). Not part of the key: a unit's
    /// artifact must not depend on which other units share its call.
    /// </summary>
    public string? GroupKey { get; init; }

    /// <summary>Runs the units of one group together, one context each; each is still committed (or failed) on its own.</summary>
    public Action<IReadOnlyList<UnitContext>>? GroupExecute { get; init; }

    /// <summary>The typed settings <see cref="Body"/> receives, for a group body that needs each member's.</summary>
    public object? SettingsValue { get; init; }

    public bool IsGrouped => GroupKey is not null && GroupExecute is not null;

    /// <summary>The most units of this group that run in one call (null: all that are ready), so that a large group still fills every slot.</summary>
    public int? GroupLimit { get; init; }

    /// <summary>The same work under another id and inputs (a robustness variant's copy); its group gets the same suffix.</summary>
    public WorkUnit With(string id, IReadOnlyList<UnitInput> inputs, string groupSuffix) =>
        new(id, Stage, CodeVersion, Settings, Facts.Count == 0 ? Parameters : Parameters.Where(p => !Facts.ContainsKey(p.Key)).ToDictionary(), inputs, Execute, Facts)
        {
            Body = Body,
            Preflight = Preflight,
            GroupKey = GroupKey is null ? null : GroupKey + groupSuffix,
            GroupExecute = GroupExecute,
            GroupLimit = GroupLimit,
            SettingsValue = SettingsValue,
        };

    string ComputeKey()
    {
        var text = new StringBuilder();
        text.Append("stage=").Append(Stage).Append('\n');
        text.Append("code=").Append(CodeVersion).Append('\n');
        text.Append("settings=").Append(Settings).Append('\n');
        foreach (var (name, value) in Facts.OrderBy(f => f.Key, StringComparer.Ordinal)) text.Append("fact:").Append(name).Append('=').Append(value).Append('\n');
        foreach (var input in NamedInputs.OrderBy(i => i.Role, StringComparer.Ordinal).ThenBy(i => i.Unit.Id, StringComparer.Ordinal))
            text.Append("input:").Append(input.Role).Append(':').Append(input.Unit.Id).Append('=').Append(input.Unit.Key).Append('\n');
        return ExperimentConfig.Sha256Hex(text.ToString());
    }

    public override string ToString() => Id;
}
