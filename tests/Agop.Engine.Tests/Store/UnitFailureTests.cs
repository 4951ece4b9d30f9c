using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Store;

/// <summary>Whatever goes wrong inside one unit is that unit's outcome, never the run's crash; Ctrl+C skips, it does not fail.</summary>
public class UnitFailureTests
{
    [Fact]
    public void A_unit_whose_temp_folder_cannot_be_created_fails_and_is_reported()
    {
        using var test = new TestStore();
        Directory.CreateDirectory(test.Root);
        File.WriteAllText(Path.Combine(test.Root, "tmp"), "a file where the temp folder should be");
        var first = TestStore.Unit("first");
        var second = TestStore.Unit("second", inputs: [first]);

        var summary = test.Run(first, second);

        Assert.Equal("ran 0, reused 0, failed 2", summary.LastLine);
        var error = summary.Results.Single(r => r.Unit.Id == "first").Error!;
        Assert.Contains("cannot create a temp folder", error);
        Assert.Contains(Path.Combine(test.Root, "tmp"), error);
        Assert.Equal("not run: input first failed", summary.Results.Single(r => r.Unit.Id == "second").Error);
    }

    [Fact]
    public void Units_not_started_because_of_ctrl_c_are_counted_as_skipped_not_failed()
    {
        using var test = new TestStore();
        using var cancel = new CancellationTokenSource();
        var first = TestStore.Unit("first", context =>
        {
            cancel.Cancel(); // Ctrl+C while this unit works: it finishes and is kept
            File.WriteAllText(context.Output("out.txt"), "first");
        });
        var after = TestStore.Unit("after", inputs: [first]);
        var later = TestStore.Unit("later", inputs: [after]);
        var store = test.Open();

        var summary = new Runner(store, jobs: 1, NullObserver.Instance).Run(Planner.Plan([first, after, later], store), cancel.Token);

        Assert.Equal("ran 1, reused 0, failed 0, skipped 2", summary.LastLine);
        Assert.Equal(2, summary.Skipped);
        Assert.Equal(0, summary.Failed);
        Assert.False(summary.Succeeded);
        Assert.All(summary.Results.Where(r => r.Unit.Id != "first"), r => Assert.Equal(UnitOutcome.Skipped, r.Outcome));
    }

    [Fact]
    public async Task Ctrl_c_while_waiting_for_another_runs_lock_skips_the_unit()
    {
        using var test = new TestStore();
        var unit = TestStore.Unit("a");
        var holder = test.Open();
        using var held = holder.LockUnit(unit, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = new ProgressSignal("waiting for another run");
        var store = test.Open();
        var run = Task.Run(() => new Runner(store, jobs: 2, waiting).Run(Planner.Plan([unit], store), cancel.Token));
        await Task.WhenAny(waiting.Seen, run).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(run.IsCompleted, "the run should wait for the held lock");
        cancel.Cancel();
        var summary = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ran 0, reused 0, failed 0, skipped 1", summary.LastLine);
        Assert.Equal(ArtifactState.Missing, test.Open().Verify(unit).State);
    }

    [Fact]
    public void Without_skipped_units_the_last_line_keeps_its_three_counts()
    {
        using var test = new TestStore();
        Assert.Equal("ran 1, reused 0, failed 0", test.Run(TestStore.Unit("a")).LastLine);
        Assert.Equal("ran 0, reused 1, failed 0", test.Run(TestStore.Unit("a")).LastLine);
    }
}
