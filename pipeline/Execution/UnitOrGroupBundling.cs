using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// A bundle is one ready unit, or every ready unit of one group (at most its <see cref="WorkUnit.GroupLimit"/>) (<see cref="WorkUnit.GroupKey"/>), which then run as one
/// call of the group's body in one slot.
/// </summary>
public sealed class UnitOrGroupBundling : IBundlePolicy
{
    public IReadOnlyList<IReadOnlyList<PlannedUnit>> Next(IReadOnlyList<PlannedUnit> pending, Func<string, bool> isBuilt,
        Func<string, bool> isPlanned, int slots)
    {
        bool Ready(PlannedUnit p) => p.Unit.Inputs.All(input => !isPlanned(input.Id) || isBuilt(input.Id));
        var bundles = new List<IReadOnlyList<PlannedUnit>>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in pending)
        {
            if (bundles.Count >= slots) break;
            if (taken.Contains(candidate.Unit.Id) || !Ready(candidate)) continue;
            var bundle = candidate.Unit.IsGrouped
                ? pending.Where(p => p.Unit.IsGrouped && p.Unit.GroupKey == candidate.Unit.GroupKey && !taken.Contains(p.Unit.Id) && Ready(p))
                    .Take(candidate.Unit.GroupLimit ?? int.MaxValue).ToList()
                : [candidate];
            foreach (var p in bundle) taken.Add(p.Unit.Id);
            bundles.Add(bundle);
        }
        return bundles;
    }
}
