namespace Agop.Pipeline.Engine;

/// <summary>
/// How a unit ended. <see cref="BuiltByAnotherRun"/>: planned to run, but another run on the same store built
/// it first (counted as reused). <see cref="Skipped"/>: not run because the run was stopped (Ctrl+C).
/// </summary>
public enum UnitOutcome { Ran, Reused, Failed, Blocked, BuiltByAnotherRun, Skipped }

/// <summary>Receives the run's events; the console displays implement it.</summary>
public interface IRunObserver
{
    void Started(IReadOnlyList<PlannedUnit> plan);
    void UnitStarted(WorkUnit unit);
    void UnitProgress(WorkUnit unit, double fraction, string? status);
    void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error);
}

public sealed class NullObserver : IRunObserver
{
    public static readonly NullObserver Instance = new();
    public void Started(IReadOnlyList<PlannedUnit> plan) { }
    public void UnitStarted(WorkUnit unit) { }
    public void UnitProgress(WorkUnit unit, double fraction, string? status) { }
    public void UnitFinished(WorkUnit unit, UnitOutcome outcome, TimeSpan elapsed, string? error) { }
}
