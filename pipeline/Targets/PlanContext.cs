using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Pipeline.Targets;

/// <summary>What targets see while creating units: the config, runner settings, code hashes and the units made so far.</summary>
public sealed class PlanContext(ExperimentConfig config, RunnerSettings settings, CodeHashes code)
{
    readonly Dictionary<string, WorkUnit> _units = new(StringComparer.Ordinal);
    readonly List<WorkUnit> _ordered = [];

    /// <summary>For deciding which units exist; a unit's own values come from <see cref="Read{T}"/>.</summary>
    public ExperimentConfig Config { get; } = config;
    public RunnerSettings Settings { get; } = settings;
    public CodeHashes Code { get; } = code;
    public IReadOnlyList<WorkUnit> Units => _ordered;

    /// <summary>Builds a unit's settings; every config key read on the way becomes part of its key.</summary>
    public UnitSettings<T> Read<T>(Func<SettingsReader, T> build) where T : notnull
    {
        var reader = new SettingsReader(Config);
        var value = build(reader);
        return new UnitSettings<T>(value, reader.Reads);
    }

    public WorkUnit Unit(string id) => _units.TryGetValue(id, out var unit)
        ? unit : throw new InvalidOperationException($"no unit '{id}' has been planned (is its target a dependency?)");

    public bool TryGetUnit(string id, out WorkUnit unit) => _units.TryGetValue(id, out unit!);

    /// <summary>Drops every unit that neither is one of <paramref name="roots"/> nor is read by one, transitively.</summary>
    internal void KeepOnlyWhatFeeds(IReadOnlyList<WorkUnit> roots)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<WorkUnit>(roots);
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            if (!needed.Add(unit.Id)) continue;
            foreach (var input in unit.Inputs) stack.Push(input);
        }
        _ordered.RemoveAll(u => !needed.Contains(u.Id));
        foreach (var id in _units.Keys.Where(id => !needed.Contains(id)).ToList()) _units.Remove(id);
    }

    internal void Add(WorkUnit unit)
    {
        if (!_units.TryAdd(unit.Id, unit)) throw new InvalidOperationException($"unit '{unit.Id}' planned twice");
        _ordered.Add(unit);
    }
}
