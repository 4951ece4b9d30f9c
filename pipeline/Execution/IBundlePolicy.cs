using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>Cuts the units that can start now into bundles.</summary>
public interface IBundlePolicy
{
    /// <param name="pending">Units not yet started, in plan (dependency) order.</param>
    /// <param name="isBuilt">True when a unit's artifact is in the store (reused, or committed during this run).</param>
    /// <param name="isPlanned">True when a unit is part of this run's work (an input that is not is already built).</param>
    /// <param name="slots">Bundles that may start now.</param>
    IReadOnlyList<IReadOnlyList<PlannedUnit>> Next(IReadOnlyList<PlannedUnit> pending, Func<string, bool> isBuilt,
        Func<string, bool> isPlanned, int slots);
}
