namespace Agop.Pipeline.Engine;

public sealed record UnitResult(WorkUnit Unit, UnitOutcome Outcome, string Reason, TimeSpan Elapsed, string? Error);

/// <summary>What a run did, unit by unit; its last line is the one users and CI read.</summary>
public sealed record RunSummary(IReadOnlyList<UnitResult> Results, TimeSpan Elapsed)
{
    public int Ran => Results.Count(r => r.Outcome == UnitOutcome.Ran);
    public int Reused => Results.Count(r => r.Outcome is UnitOutcome.Reused or UnitOutcome.BuiltByAnotherRun);
    public int Failed => Results.Count(r => r.Outcome is UnitOutcome.Failed or UnitOutcome.Blocked);
    public int Skipped => Results.Count(r => r.Outcome == UnitOutcome.Skipped);
    public bool Succeeded => Failed == 0 && Skipped == 0;
    public string LastLine => $"ran {Ran}, reused {Reused}, failed {Failed}" + (Skipped > 0 ? $", skipped {Skipped}" : "");

    public static string DryRunLine(IReadOnlyList<PlannedUnit> plan) =>
        $"{plan.Count(p => p.Action == UnitAction.Run)} to run, {plan.Count(p => p.Action == UnitAction.Reuse)} up to date";
}
