using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine.Store;

public class RunnerTests
{
    static WorkUnit Unit(string id, IReadOnlyList<WorkUnit> inputs, Action<UnitContext> execute) =>
        new(id, "Test", "code-v1", id, new Dictionary<string, string> { ["id"] = id }, inputs.Select(i => new UnitInput("in", i)).ToList(), execute);

    [Fact]
    public void Cancelling_lets_running_units_finish_and_starts_no_new_ones()
    {
        var store = new ArtifactStore(Path.Combine(Path.GetTempPath(), "agop-runner-" + Guid.NewGuid().ToString("N")));
        using var cancel = new CancellationTokenSource();
        var first = Unit("a", [], context =>
        {
            cancel.Cancel(); // as if Ctrl+C arrived while this unit was working
            File.WriteAllText(context.Output("out.txt"), "a");
        });
        var second = Unit("b", [first], context => File.WriteAllText(context.Output("out.txt"), "b"));
        var plan = Planner.Plan([first, second], store);

        var summary = new Runner(store, jobs: 1, NullObserver.Instance).Run(plan, cancel.Token);

        Assert.Equal("ran 1, reused 0, failed 0, skipped 1", summary.LastLine);
        Assert.Equal(ArtifactState.Valid, store.Verify(first).State);
        Assert.Equal("not run: cancelled", summary.Results.Single(r => r.Unit.Id == "b").Error);
        Assert.Equal(ArtifactState.Missing, new ArtifactStore(store.Root).Verify(second).State);
        Directory.Delete(store.Root, recursive: true);
    }

    [Fact]
    public void A_failing_unit_blocks_its_dependents_and_keeps_the_rest()
    {
        var store = new ArtifactStore(Path.Combine(Path.GetTempPath(), "agop-runner-" + Guid.NewGuid().ToString("N")));
        var bad = Unit("bad", [], _ => throw new InvalidOperationException("boom"));
        var after = Unit("after", [bad], context => File.WriteAllText(context.Output("x"), "x"));
        var other = Unit("other", [], context => File.WriteAllText(context.Output("x"), "y"));
        var summary = new Runner(store, jobs: 2, NullObserver.Instance).Run(Planner.Plan([bad, after, other], store));
        Assert.Equal("ran 1, reused 0, failed 2", summary.LastLine);
        Assert.Contains("boom", summary.Results.Single(r => r.Unit.Id == "bad").Error);
        Assert.Equal("not run: input bad failed", summary.Results.Single(r => r.Unit.Id == "after").Error);
        Assert.Empty(Directory.GetDirectories(Path.Combine(store.Root, "tmp")));
        Directory.Delete(store.Root, recursive: true);
    }
}
