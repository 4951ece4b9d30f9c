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
    /// <summary>The run facts folded into the key of each unit whose code they can change (<see cref="KeyFacts"/>).</summary>
    public KeyFacts Facts { get; init; } = KeyFacts.None;
    public IReadOnlyList<WorkUnit> Units => _ordered;

    /// <summary>The robustness variants planned so far, each with its units by the id the base gives them.</summary>
    public IReadOnlyList<VariantPlan> Variants => _variants;
    readonly List<VariantPlan> _variants = [];

    /// <summary>Builds a unit's settings; every config key read on the way becomes part of its key.</summary>
    public UnitSettings<T> Read<T>(Func<SettingsReader, T> build) where T : notnull => Read(Config, build);

    /// <summary>Settings read from another config (a variant's, for a unit that reads every variant).</summary>
    public static UnitSettings<T> Read<T>(ExperimentConfig config, Func<SettingsReader, T> build) where T : notnull
    {
        var reader = new SettingsReader(config);
        var value = build(reader);
        return new UnitSettings<T>(value, reader.Reads);
    }

    /// <summary>
    /// Adds a variant's units (planned on their own, in dependency order) to this plan. A unit whose key equals the base
    /// unit of the same id is that unit (shared, built once); any other gets the id <c>&lt;id&gt;@&lt;variant&gt;</c>.
    /// </summary>
    internal VariantPlan Merge(ConfigVariant variant, IReadOnlyList<WorkUnit> units)
    {
        var final = new Dictionary<string, WorkUnit>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            var inputs = unit.NamedInputs.Select(i => new UnitInput(i.Role, final[i.Unit.Id])).ToList();
            // inputs shared with the base keep their ids, so the unit's key stands; a renamed input changes it
            var candidate = inputs.Zip(unit.NamedInputs).All(p => p.First.Unit.Id == p.Second.Unit.Id) ? unit : unit.With(unit.Id, inputs, "");
            if (_units.TryGetValue(unit.Id, out var shared) && shared.Key == candidate.Key)
            {
                final[unit.Id] = shared;
                continue;
            }
            var own = unit.With(VariantId(unit.Id, variant.Name), inputs, "@" + variant.Name);
            Add(own);
            final[unit.Id] = own;
        }
        var plan = new VariantPlan(variant, final);
        _variants.Add(plan);
        return plan;
    }

    public static string VariantId(string id, string variant) => id + "@" + variant;

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

    /// <summary>Drops variant units that nothing kept reads (see <see cref="KeepOnlyWhatFeeds"/>) from the variants' maps too.</summary>
    internal void PruneVariants()
    {
        for (int i = 0; i < _variants.Count; i++)
            _variants[i] = _variants[i] with
            {
                Units = _variants[i].Units.Where(kv => _units.ContainsKey(kv.Value.Id)).ToDictionary(StringComparer.Ordinal),
            };
    }

    internal void Add(WorkUnit unit)
    {
        if (!_units.TryAdd(unit.Id, unit)) throw new InvalidOperationException($"unit '{unit.Id}' planned twice");
        _ordered.Add(unit);
    }
}

/// <summary>A robustness variant in the plan: its units under the base's ids (shared units are the base's own).</summary>
public sealed record VariantPlan(ConfigVariant Variant, IReadOnlyDictionary<string, WorkUnit> Units)
{
    public string Name => Variant.Name;
}
