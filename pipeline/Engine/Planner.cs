namespace Agop.Pipeline.Engine;

public enum UnitAction { Reuse, Run }

public sealed record PlannedUnit(WorkUnit Unit, UnitAction Action, string Reason);

/// <summary>Decides, for each unit, whether its artifact can be reused, and if not, why it must run.</summary>
public static class Planner
{
    public const string ForcedReason = "forced";

    /// <param name="units">Units in dependency order.</param>
    /// <param name="forced">Predicate selecting units to run regardless of their artifacts.</param>
    public static IReadOnlyList<PlannedUnit> Plan(IReadOnlyList<WorkUnit> units, ArtifactStore store, Func<WorkUnit, bool>? forced = null)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var plan = new List<PlannedUnit>(units.Count);
        foreach (var unit in units)
        {
            // A forced unit runs whatever is on disk, so its artifact is not even read.
            string? why = forced?.Invoke(unit) == true ? ForcedReason : null;
            if (why is null)
            {
                var check = store.Verify(unit);
                if (check.State == ArtifactState.Corrupt) why = check.Detail;
                else if (check.State == ArtifactState.Missing) why = WhyKeyIsNew(unit, store, reasons);
            }
            if (why is null)
            {
                plan.Add(new PlannedUnit(unit, UnitAction.Reuse, "up to date"));
                continue;
            }
            reasons[unit.Id] = why;
            plan.Add(new PlannedUnit(unit, UnitAction.Run, why));
        }
        return plan;
    }

    static string Short(string value) => value.Length > 24 ? value[..12] + "…" : value;

    static string WhyKeyIsNew(WorkUnit unit, ArtifactStore store, Dictionary<string, string> reasons)
    {
        var previous = store.ReadIndex(unit.Id);
        if (previous is null) return "new";
        if (previous.Key == unit.Key) return "artifact missing";
        if (previous.CodeVersion != unit.CodeVersion)
            return $"code changed ({Short(previous.CodeVersion)} -> {Short(unit.CodeVersion)})";
        var changedFacts = unit.Parameters.Keys.Concat(previous.Parameters.Keys).Distinct()
            .Where(k => k.StartsWith(KeyFacts.Prefix, StringComparison.Ordinal))
            .Select(k => (Name: k, Old: previous.Parameters.GetValueOrDefault(k), New: unit.Parameters.GetValueOrDefault(k)))
            .Where(c => c.Old != c.New).ToList();
        if (KeyFacts.Reason(changedFacts) is { } toolchain) return toolchain;
        var changed = unit.Parameters
            .Where(p => !previous.Parameters.TryGetValue(p.Key, out var old) || old != p.Value)
            .Select(p => previous.Parameters.TryGetValue(p.Key, out var old) ? $"{p.Key} {Short(old)} -> {Short(p.Value)}" : $"{p.Key} = {Short(p.Value)} (new key)")
            .Concat(previous.Parameters.Keys.Where(k => !unit.Parameters.ContainsKey(k)).Select(k => $"{k} (removed)"))
            .ToList();
        if (changed.Count > 0) return "config changed: " + string.Join(", ", changed);
        var changedInputs = unit.Inputs
            .Where(i => !previous.Inputs.TryGetValue(i.Id, out var oldKey) || oldKey != i.Key)
            .OrderBy(i => reasons.ContainsKey(i.Id) ? 0 : 1)
            .ToList();
        if (changedInputs.Count > 0)
        {
            var first = changedInputs[0];
            string more = changedInputs.Count > 1 ? $" and {changedInputs.Count - 1} more" : "";
            if (!reasons.TryGetValue(first.Id, out var cause))
                return $"input changed: {first.Id}{more} (last built from other inputs)";
            // Name the root cause so a config edit reads as a config change all the way downstream.
            string root = cause.StartsWith("input changed", StringComparison.Ordinal) && cause.Contains(" <- ")
                ? cause[(cause.IndexOf(" <- ", StringComparison.Ordinal) + 4)..]
                : cause;
            return $"input changed: {first.Id}{more} <- {root}";
        }
        return previous.Settings == unit.Settings ? "artifact missing" : "settings changed";
    }
}
