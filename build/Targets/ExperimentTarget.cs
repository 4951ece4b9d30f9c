using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;

namespace Agop.Build.Targets;

/// <summary>Shared helpers for the experiment's targets: unit ids and the synthetic grid.</summary>
public abstract class ExperimentTarget : Target
{
    protected static IEnumerable<(string Dataset, int Seed)> DatasetSeeds(PlanContext plan) =>
        from dataset in plan.Config.Strings("synthetic.datasets")
        from seed in plan.Config.Ints("seeds")
        select (dataset, (int)seed);

    protected static UnitInput In(string role, WorkUnit unit) => new(role, unit);

    public static string FetchDataId(string dataset) => $"fetchdata/{dataset}";
    public static string GenerateId(string dataset, int seed) => $"generate/{dataset}/seed{seed}";
    public static string TrainId(string dataset, int seed) => $"train/{dataset}/seed{seed}";
    public static string FitAgopId(string dataset, int seed) => $"fitagop/{dataset}/seed{seed}";
    public static string AttributeId(string dataset, int seed, string method) => $"attribute/{dataset}/seed{seed}/{method}";
    public static string EvaluateId(string dataset, int seed, string method) => $"evaluate/{dataset}/seed{seed}/{method}";
}
