using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>What an executor reports to the scheduler. Units are named by id; bundles by the id the scheduler gave them.</summary>
public abstract record ExecutionEvent;

public sealed record UnitStartedEvent(string UnitId) : ExecutionEvent;

public sealed record UnitProgressEvent(string UnitId, double Fraction, string? Status) : ExecutionEvent;

public sealed record UnitFinishedEvent(string UnitId, UnitOutcome Outcome, TimeSpan Elapsed, string? Error) : ExecutionEvent;

/// <summary>
/// The bundle is over. Its units that were not reported finished get <paramref name="Unfinished"/> with <paramref name="Error"/>,
/// unless the store shows that they were committed (e.g. by a worker that died right after).
/// </summary>
public sealed record BundleEndedEvent(int BundleId, UnitOutcome Unfinished, string Error) : ExecutionEvent;

/// <summary>The executor cannot start anything more (e.g. the cluster cannot see the artifacts folder): units not yet started get the error.</summary>
public sealed record ExecutorHaltedEvent(string ErrorForUnstarted) : ExecutionEvent;
