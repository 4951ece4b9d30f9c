using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Tests.Engine.Store;

namespace Agop.Tests.Engine.Execution;

/// <summary>The one scheduler against a fake executor: what runs when, and what a run's outcome is, whatever the executor.</summary>
public class SchedulerTests
{
    static WorkUnit Grouped(string id, string group, params WorkUnit[] inputs) => Grouped(id, group, null, inputs);

    static WorkUnit Grouped(string id, string group, int? limit, params WorkUnit[] inputs) =>
        new(id, "Test", "code-v1", id, new Dictionary<string, string> { ["id"] = id }, inputs.Select(i => new UnitInput("in", i)).ToList(), _ => { })
        {
            GroupKey = group,
            GroupExecute = _ => { },
            GroupLimit = limit,
        };

    static RunSummary Run(TestStore test, FakeExecutor executor, params WorkUnit[] units) => Run(test, executor, CancellationToken.None, units);

    static RunSummary Run(TestStore test, FakeExecutor executor, CancellationToken cancellation, params WorkUnit[] units)
    {
        var store = test.Open();
        return new Scheduler(store, executor, NullObserver.Instance).Run(Planner.Plan(units, store), cancellation);
    }

    static string? Error(RunSummary summary, string id) => summary.Results.Single(r => r.Unit.Id == id).Error;

    [Fact]
    public void A_failed_unit_blocks_its_dependents_all_the_way_down_and_everything_else_runs()
    {
        using var test = new TestStore();
        var bad = TestStore.Unit("bad");
        var after = TestStore.Unit("after", inputs: [bad]);
        var later = TestStore.Unit("later", inputs: [after]);
        var other = TestStore.Unit("other");
        var executor = new FakeExecutor
        {
            Answer = b => b.Units[0].Unit.Id == "bad"
                ? [new UnitFinishedEvent("bad", UnitOutcome.Failed, TimeSpan.Zero, "boom"), new BundleEndedEvent(b.Id, UnitOutcome.Failed, "")]
                : FakeExecutor.Ran(b),
        };

        var summary = Run(test, executor, bad, after, later, other);

        Assert.Equal("ran 1, reused 0, failed 3", summary.LastLine);
        Assert.Equal("boom", Error(summary, "bad"));
        Assert.Equal("not run: input bad failed", Error(summary, "after"));
        Assert.Equal("not run: input after failed", Error(summary, "later"));
        Assert.Equal([["bad"], ["other"]], executor.Bundles);
    }

    [Fact]
    public void A_bundle_that_ends_without_reporting_fails_its_units_with_the_executors_words_unless_the_store_shows_them_committed()
    {
        using var test = new TestStore();
        var g1 = Grouped("g1", "G");
        var g2 = Grouped("g2", "G");
        var after = TestStore.Unit("after", inputs: [g2]);
        var executor = new FakeExecutor
        {
            Answer = b =>
            {
                TestStore.CommitBy(test.Open(), g1, seconds: 1); // committed, then the worker died before saying so
                return [new UnitStartedEvent("g1"), new UnitStartedEvent("g2"),
                        new BundleEndedEvent(b.Id, UnitOutcome.Failed, "worker 4242 ended by SIGSEGV; log /tmp/worker-4242.log")];
            },
        };

        var summary = Run(test, executor, g1, g2, after);

        Assert.Equal([["g1", "g2"]], executor.Bundles);
        Assert.Equal(UnitOutcome.Ran, summary.Results.Single(r => r.Unit.Id == "g1").Outcome);
        Assert.Equal("worker 4242 ended by SIGSEGV; log /tmp/worker-4242.log", Error(summary, "g2"));
        Assert.Equal("not run: input g2 failed", Error(summary, "after"));
        Assert.Equal("ran 1, reused 0, failed 2", summary.LastLine);
    }

    [Fact]
    public void An_executor_that_halts_fails_what_it_had_and_nothing_more_is_started()
    {
        using var test = new TestStore();
        var units = Enumerable.Range(0, 4).Select(i => TestStore.Unit($"u{i}")).ToArray();
        var executor = new FakeExecutor(slots: 1)
        {
            Answer = b => [new ExecutorHaltedEvent("not submitted: the nodes cannot see the artifacts folder"),
                           new BundleEndedEvent(b.Id, UnitOutcome.Failed, "the nodes cannot see the artifacts folder")],
        };

        var summary = Run(test, executor, units);

        Assert.Single(executor.Bundles);
        Assert.Equal("ran 0, reused 0, failed 4", summary.LastLine);
        Assert.Equal("the nodes cannot see the artifacts folder", Error(summary, "u0"));
        Assert.All(units.Skip(1), u => Assert.Equal("not submitted: the nodes cannot see the artifacts folder", Error(summary, u.Id)));
    }

    [Fact]
    public void Ctrl_c_tells_the_executor_once_keeps_what_finished_and_skips_the_rest_and_their_dependents()
    {
        using var test = new TestStore();
        using var cancel = new CancellationTokenSource();
        var first = TestStore.Unit("first");
        var after = TestStore.Unit("after", inputs: [first]);
        var other = TestStore.Unit("other");
        var executor = new FakeExecutor(slots: 1) { OnNext = cancel.Cancel }; // Ctrl+C while the first bundle runs

        var summary = Run(test, executor, cancel.Token, first, after, other);

        Assert.Equal(1, executor.Cancels);
        Assert.Equal([["first"]], executor.Bundles);
        Assert.Equal("ran 1, reused 0, failed 0, skipped 2", summary.LastLine);
        Assert.Equal("not run: cancelled", Error(summary, "other"));
        Assert.Equal("not run: cancelled", Error(summary, "after"));
    }

    [Fact]
    public void A_unit_skipped_by_the_executor_skips_its_dependents()
    {
        using var test = new TestStore();
        var first = TestStore.Unit("first");
        var after = TestStore.Unit("after", inputs: [first]);
        var executor = new FakeExecutor { Answer = b => [new BundleEndedEvent(b.Id, UnitOutcome.Skipped, "not run: cancelled (job 7_0 cancelled)")] };

        var summary = Run(test, executor, first, after);

        Assert.Equal("ran 0, reused 0, failed 0, skipped 2", summary.LastLine);
        Assert.Equal("not run: input first skipped", Error(summary, "after"));
    }

    [Fact]
    public void Ready_units_of_a_group_go_in_one_bundle_and_a_member_still_waiting_for_an_input_goes_later()
    {
        using var test = new TestStore();
        var input = TestStore.Unit("input");
        var units = new[] { input, Grouped("g1", "G"), Grouped("g2", "G"), Grouped("g3", "G", input), Grouped("h1", "H") };
        var executor = new FakeExecutor(slots: 3);

        var summary = Run(test, executor, units);

        Assert.Equal("ran 5, reused 0, failed 0", summary.LastLine);
        Assert.Equal([["input"], ["g1", "g2"], ["h1"], ["g3"]], executor.Bundles);
    }

    [Fact]
    public void A_group_with_a_limit_runs_in_calls_of_at_most_that_many_units()
    {
        using var test = new TestStore();
        var units = Enumerable.Range(1, 5).Select(i => Grouped($"g{i}", "G", 2)).ToArray();
        var executor = new FakeExecutor(slots: 2);

        var summary = Run(test, executor, units);

        Assert.Equal("ran 5, reused 0, failed 0", summary.LastLine);
        Assert.Equal([["g1", "g2"], ["g3", "g4"], ["g5"]], executor.Bundles);
    }

    [Fact]
    public void No_more_bundles_are_in_flight_than_the_executor_has_slots_and_reused_units_are_not_sent()
    {
        using var test = new TestStore();
        var units = Enumerable.Range(0, 7).Select(i => TestStore.Unit($"u{i}")).ToArray();
        TestStore.CommitBy(test.Open(), units[3], seconds: 1);
        var executor = new FakeExecutor(slots: 2);

        var summary = Run(test, executor, units);

        Assert.Equal("ran 6, reused 1, failed 0", summary.LastLine);
        Assert.Equal(2, executor.MostInFlight);
        Assert.DoesNotContain(executor.Bundles, b => b.Contains("u3"));
    }
}
