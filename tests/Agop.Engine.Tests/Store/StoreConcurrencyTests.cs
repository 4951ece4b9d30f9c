using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Store;

/// <summary>Many runs (threads, processes, hosts) on one store: committed folders never change, each unit is built once.</summary>
public class StoreConcurrencyTests
{
    [Fact]
    public void A_second_writer_of_a_key_keeps_the_committed_folder_and_discards_its_own_copy()
    {
        using var test = new TestStore();
        var unit = TestStore.Unit("a");
        var first = test.Open();
        TestStore.CommitBy(first, unit, seconds: 1);
        string folder = first.UnitDirectory(unit);
        string manifest = File.ReadAllText(Path.Combine(folder, Manifest.FileName));

        var second = test.Open();
        TestStore.CommitBy(second, unit, seconds: 2);

        Assert.Equal(manifest, File.ReadAllText(Path.Combine(folder, Manifest.FileName)));
        Assert.Equal([folder], Directory.GetDirectories(Path.GetDirectoryName(folder)!));
        Assert.Empty(Directory.GetDirectories(Path.Combine(test.Root, "tmp")));
        Assert.Equal(ArtifactState.Valid, test.Open().Verify(unit).State);
    }

    [Fact]
    public void Only_a_corrupt_folder_is_replaced()
    {
        using var test = new TestStore();
        var unit = TestStore.Unit("a");
        TestStore.CommitBy(test.Open(), unit, seconds: 1);
        string folder = test.Open().UnitDirectory(unit);
        File.WriteAllText(Path.Combine(folder, "out.txt"), "damaged");

        TestStore.CommitBy(test.Open(), unit, seconds: 2);

        Assert.Equal("a", File.ReadAllText(Path.Combine(folder, "out.txt")));
        Assert.Equal(ArtifactState.Valid, test.Open().Verify(unit).State);
        Assert.Equal([folder], Directory.GetDirectories(Path.GetDirectoryName(folder)!));
    }

    [Fact]
    public async Task Two_runs_started_together_build_a_unit_once_and_the_second_reuses_it()
    {
        using var test = new TestStore();
        int builds = 0;
        // Whichever run locks first builds; the other waits for the lock or finds the unit built: either way it reuses it.
        WorkUnit Slow() => TestStore.Unit("slow", context =>
        {
            Interlocked.Increment(ref builds);
            File.WriteAllText(context.Output("out.txt"), "slow");
        });
        using var start = new Barrier(2);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var unit = Slow();
            var store = test.Open();
            var plan = Planner.Plan([unit], store);
            start.SignalAndWait();
            return new Runner(store, jobs: 1, NullObserver.Instance).Run(plan);
        }, TaskCreationOptions.LongRunning)).ToArray();
        var summaries = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, builds);
        var outcomes = summaries.Select(s => s.Results.Single().Outcome).Order().ToList();
        Assert.Equal([UnitOutcome.Ran, UnitOutcome.BuiltByAnotherRun], outcomes);
        Assert.Equal(["ran 0, reused 1, failed 0", "ran 1, reused 0, failed 0"], summaries.Select(s => s.LastLine).Order());
    }

    [Fact]
    public void Temp_clean_up_removes_only_folders_of_this_host_whose_process_has_ended()
    {
        using var test = new TestStore();
        var store = test.Open();
        store.EnsureCreated();
        string tmp = Path.Combine(test.Root, "tmp");
        const int deadPid = int.MaxValue - 1; // above any pid_max, so never a running process
        string Folder(string host, int pid) => Path.Combine(tmp, $"0123456789ab-{host}-{pid}-{Guid.NewGuid():N}");
        string abandoned = Folder(TempFolderName.ThisHost, deadPid);
        string halfDeleted = Folder(TempFolderName.ThisHost, Environment.ProcessId) + ".in.deleting-" + Guid.NewGuid().ToString("N"); // a failed removal
        var kept = new[]
        {
            Folder("another-host.example", deadPid),            // another machine sharing the store: not ours to judge
            Folder(TempFolderName.ThisHost, Environment.ProcessId), // this process's own units in flight
            Folder(TempFolderName.ThisHost, Process.GetCurrentProcess().Id == 1 ? 2 : 1), // a live process (init)
            Path.Combine(tmp, "unparseable"),
        };
        foreach (var dir in kept.Append(abandoned).Append(halfDeleted)) Directory.CreateDirectory(dir);

        Assert.Equal(2, store.CleanAbandonedTemp());
        Assert.False(Directory.Exists(abandoned));
        Assert.False(Directory.Exists(halfDeleted));
        Assert.All(kept, dir => Assert.True(Directory.Exists(dir), dir));
        Assert.Contains($"-{TempFolderName.ThisHost}-{Environment.ProcessId}-", Path.GetFileName(store.NewTempDirectory(TestStore.Unit("x"))));
    }

    [Fact]
    public void Concurrent_commits_of_one_unit_all_succeed_and_leave_one_folder_and_one_index_entry()
    {
        using var test = new TestStore();
        var unit = TestStore.Unit("a");
        var errors = new List<Exception>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            try
            {
                TestStore.CommitBy(test.Open(), unit, seconds: i);
            }
            catch (Exception e)
            {
                lock (errors) errors.Add(e);
            }
        });

        Assert.Empty(errors);
        Assert.Equal(ArtifactState.Valid, test.Open().Verify(unit).State);
        Assert.Equal(unit.Key, test.Open().ReadIndex(unit.Id)?.Key);
        Assert.Empty(Directory.GetFiles(Path.Combine(test.Root, "index"), "*.tmp"));
        Assert.Single(Directory.GetDirectories(Path.Combine(test.Root, "store", "test")));
    }
}
