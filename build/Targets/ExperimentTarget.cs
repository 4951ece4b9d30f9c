using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;

namespace Agop.Build.Targets;

/// <summary>Shared helpers for the experiment's targets: unit ids, config slices and unit construction.</summary>
public abstract class ExperimentTarget : Target
{
    /// <summary>Bump when the stage's code changes what it writes; it is part of every unit key of the stage.</summary>
    protected abstract int LogicVersion { get; }

    protected WorkUnit Unit(string id, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<WorkUnit> inputs, Action<UnitContext> execute,
        Action? preflight = null) =>
        new(id, Name, LogicVersion, parameters, inputs, execute) { Preflight = preflight };

    /// <summary>The named config keys with their canonical values, plus extra coordinates (dataset, seed, …).</summary>
    protected static Dictionary<string, string> Slice(ExperimentConfig config, IEnumerable<string> keys, params (string Name, object Value)[] coordinates)
    {
        var slice = keys.ToDictionary(k => k, config.Text, StringComparer.Ordinal);
        foreach (var (name, value) in coordinates) slice[name] = ExperimentConfig.Canonical(value);
        return slice;
    }

    protected static IEnumerable<(string Dataset, int Seed)> DatasetSeeds(ExperimentConfig config) =>
        from dataset in config.Strings("synthetic.datasets")
        from seed in config.Ints("seeds")
        select (dataset, (int)seed);

    public static string GenerateId(string dataset, int seed) => $"generate/{dataset}/seed{seed}";
    public static string TrainId(string dataset, int seed) => $"train/{dataset}/seed{seed}";
    public static string FitAgopId(string dataset, int seed) => $"fitagop/{dataset}/seed{seed}";
    public static string AttributeId(string dataset, int seed, string method) => $"attribute/{dataset}/seed{seed}/{method}";
    public static string EvaluateId(string dataset, int seed, string method) => $"evaluate/{dataset}/seed{seed}/{method}";

    /// <summary>Resolves an input file of a unit by name.</summary>
    protected static Func<string, string> Files(UnitContext context, WorkUnit input) => name => context.Input(input, name);
}
