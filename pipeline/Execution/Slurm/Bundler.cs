using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// Groups units into job bundles, as Snakemake's group jobs do: each bundle starts from units whose inputs are all
/// built and grows downstream with units whose unbuilt inputs all lie in that same bundle. A job builds its
/// bundle in dependency order in one process, so a chain of short units pays one job start, not one per unit.
/// </summary>
public static class Bundler
{
    /// <param name="pending">Units not yet submitted, in plan (dependency) order.</param>
    /// <param name="isBuilt">True when a unit's artifact is in the store (reused, or committed by a finished job).</param>
    /// <param name="isPlanned">True when a unit is part of this run's work (so an input that is not planned is already built).</param>
    /// <param name="slots">Jobs that may be submitted now.</param>
    /// <param name="unitsPerJob">The most units one bundle holds.</param>
    public static IReadOnlyList<IReadOnlyList<PlannedUnit>> Next(IReadOnlyList<PlannedUnit> pending, Func<string, bool> isBuilt,
        Func<string, bool> isPlanned, int slots, int unitsPerJob)
    {
        bool Available(WorkUnit input) => !isPlanned(input.Id) || isBuilt(input.Id);
        var ready = pending.Where(p => p.Unit.Inputs.All(Available)).ToList();
        int count = Math.Min(slots, ready.Count);
        if (count == 0) return [];
        var bundles = Enumerable.Range(0, count).Select(_ => new List<PlannedUnit>()).ToList();
        var bundleOf = new Dictionary<string, int>(StringComparer.Ordinal);
        // Ready members of one group go to the same bundle, so the job can run them as one call of the group's body.
        var groupHome = new Dictionary<string, int>(StringComparer.Ordinal);
        int next = 0;
        foreach (var p in ready)
        {
            if (bundles.All(b => b.Count >= unitsPerJob)) break;
            string? group = p.Unit.IsGrouped ? p.Unit.GroupKey : null;
            if (group is null || !groupHome.TryGetValue(group, out int b))
            {
                b = next++ % count;
                if (group is not null) groupHome[group] = b;
            }
            if (bundles[b].Count >= unitsPerJob) continue;
            bundles[b].Add(p);
            bundleOf[p.Unit.Id] = b;
        }
        foreach (var candidate in pending)
        {
            if (bundleOf.ContainsKey(candidate.Unit.Id)) continue;
            var homes = candidate.Unit.Inputs.Where(i => !Available(i))
                .Select(i => bundleOf.TryGetValue(i.Id, out int b) ? b : -1).Distinct().ToList();
            if (homes.Count != 1 || homes[0] < 0 || bundles[homes[0]].Count >= unitsPerJob) continue;
            bundles[homes[0]].Add(candidate);
            bundleOf[candidate.Unit.Id] = homes[0];
        }
        return bundles;
    }
}
