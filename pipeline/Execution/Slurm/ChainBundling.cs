using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;

namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// Bundles for jobs that each pay a start (Slurm): chains of units (see <see cref="Bundler"/>), what is left spread over
/// the job slots so one long bundle does not leave the other slots idle, but not so thin that the tail of the run becomes
/// a trickle of tiny jobs.
/// </summary>
public sealed class ChainBundling(int unitsPerJob, int minUnitsPerJob, int jobs) : IBundlePolicy
{
    public IReadOnlyList<IReadOnlyList<PlannedUnit>> Next(IReadOnlyList<PlannedUnit> pending, Func<string, bool> isBuilt,
        Func<string, bool> isPlanned, int slots)
    {
        int spread = (pending.Count + Math.Max(1, jobs) - 1) / Math.Max(1, jobs);
        int perJob = Math.Min(unitsPerJob, Math.Max(spread, minUnitsPerJob));
        return Bundler.Next(pending, isBuilt, isPlanned, slots, perJob);
    }
}
