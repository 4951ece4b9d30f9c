using Agop.Pipeline.Engine;
using Agop.Pipeline.Engine.Code;

namespace Agop.Pipeline.Targets;

/// <summary>Declares the targets a target needs; they are planned (and run) first.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DependsOnAttribute(params Type[] targets) : Attribute
{
    public IReadOnlyList<Type> Targets { get; } = targets;
}

/// <summary>
/// A target whose units only the base config's figures read: a robustness variant's own units of it are not planned, since no claim
/// reads them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class BaseOnlyAttribute : Attribute;

/// <summary>A target whose units may run for long (trainings): on Slurm each gets <c>[Slurm] TrainingTime</c> instead of <c>Time</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LongRunningAttribute : Attribute;

/// <summary>A named step of the pipeline (Frosting/Nuke style): one class, its dependencies on the class.</summary>
public abstract class Target
{
    public string Name => NameOf(GetType());

    /// <summary>A target's name: its class name less "Target" (the stage its units record).</summary>
    public static string NameOf(Type target) => target.Name.EndsWith("Target", StringComparison.Ordinal) ? target.Name[..^6] : target.Name;
    public abstract string Description { get; }

    public bool IsLongRunning => GetType().IsDefined(typeof(LongRunningAttribute), inherit: false);

    public IReadOnlyList<Type> Dependencies =>
        (GetType().GetCustomAttributes(typeof(DependsOnAttribute), inherit: false).FirstOrDefault() as DependsOnAttribute)?.Targets ?? [];

    /// <summary>
    /// True for a target whose units read the results of every robustness variant (<see cref="PlanContext.Variants"/>):
    /// it is planned once, after all variants. Other targets are planned once per variant.
    /// </summary>
    public virtual bool ReadsVariants => false;

    /// <summary>The work units of this target; units of the targets it depends on are in <paramref name="plan"/>.</summary>
    public abstract IEnumerable<WorkUnit> CreateUnits(PlanContext plan);

    /// <summary>
    /// A unit whose code receives only its settings: <paramref name="execute"/> should be a static lambda, so
    /// nothing outside the settings (and so outside the key) can reach it. The unit's code version hashes the source files
    /// its compiled code can reach from <paramref name="execute"/> and from what the settings carry (<see cref="CodeReach"/>).
    /// </summary>
    protected WorkUnit Unit<T>(PlanContext plan, string id, UnitSettings<T> settings, IReadOnlyList<UnitInput> inputs,
        Action<UnitContext, T> execute, Action? preflight = null) where T : notnull
    {
        var value = settings.Value;
        var (reach, code) = plan.Code.ReachOfUnit(execute, value, id);
        return new WorkUnit(id, Name, code, settings.Json, settings.Reads, inputs, context => execute(context, value), plan.Facts.For(reach))
            { Preflight = preflight, Body = execute, SettingsValue = value };
    }

    /// <summary>
    /// A unit that runs together with the other ready units of <paramref name="groupKey"/> (see <see cref="WorkUnit.GroupKey"/>):
    /// <paramref name="execute"/> receives each member's context and settings, a list of one when the unit runs alone. The
    /// key should name everything the members must share for <paramref name="execute"/> to run them as one.
    /// </summary>
    protected WorkUnit GroupedUnit<T>(PlanContext plan, string id, string groupKey, UnitSettings<T> settings, IReadOnlyList<UnitInput> inputs,
        Action<IReadOnlyList<(UnitContext Context, T Settings)>> execute, int? groupLimit = null) where T : notnull
    {
        var value = settings.Value;
        var (reach, code) = plan.Code.ReachOfUnit(execute, value, id);
        return new WorkUnit(id, Name, code, settings.Json, settings.Reads, inputs, context => execute([(context, value)]), plan.Facts.For(reach))
        {
            Body = execute,
            GroupKey = groupKey,
            GroupLimit = groupLimit,
            SettingsValue = value,
            GroupExecute = contexts => execute(contexts.Select(c => (c, (T)c.Unit.SettingsValue!)).ToList()),
        };
    }
}
