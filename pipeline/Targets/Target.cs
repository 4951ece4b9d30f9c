using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Targets;

/// <summary>Declares the targets a target needs; they are planned (and run) first.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DependsOnAttribute(params Type[] targets) : Attribute
{
    public IReadOnlyList<Type> Targets { get; } = targets;
}

/// <summary>A named step of the pipeline (Frosting/Nuke style): one class, its dependencies on the class.</summary>
public abstract class Target
{
    public string Name => GetType().Name.EndsWith("Target", StringComparison.Ordinal) ? GetType().Name[..^6] : GetType().Name;
    public abstract string Description { get; }

    public IReadOnlyList<Type> Dependencies =>
        (GetType().GetCustomAttributes(typeof(DependsOnAttribute), inherit: false).FirstOrDefault() as DependsOnAttribute)?.Targets ?? [];

    /// <summary>The work units of this target; units of the targets it depends on are in <paramref name="plan"/>.</summary>
    public abstract IEnumerable<WorkUnit> CreateUnits(PlanContext plan);
}
