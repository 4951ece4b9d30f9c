using Agop.Pipeline.Engine;

namespace Agop.Build.Targets;

/// <summary>The plan of the run in progress, so the report can say which units it reused and which it recomputed.</summary>
public sealed class RunLedger
{
    public IReadOnlyList<PlannedUnit> Plan { get; set; } = [];
    public string ConfigDisplayPath { get; set; } = "";
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;
}
