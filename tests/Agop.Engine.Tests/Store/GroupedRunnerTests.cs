using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine.Store;

/// <summary>Grouped units: ready units of one group run in one call, and each is still keyed, committed and failed on its own.</summary>
public class GroupedRunnerTests
{
    /// <summary>The calls of a group body, each as the ids it received.</summary>
    sealed class CallLog
    {
        readonly List<string[]> _calls = [];
        public IReadOnlyList<string[]> Calls { get { lock (_calls) return _calls.ToList(); } }
        public void Add(IEnumerable<string> ids) { lock (_calls) _calls.Add(ids.ToArray()); }
    }

    static WorkUnit Grouped(string id, string group, CallLog log, IReadOnlyList<WorkUnit>? inputs = null, Action? body = null) =>
        new(id, "Test", "code-v1", id, new Dictionary<string, string> { ["id"] = id }, (inputs ?? []).Select(i => new UnitInput("in", i)).ToList(),
            context => throw new InvalidOperationException("a grouped unit runs through its group body"))
        {
            GroupKey = group,
            GroupExecute = contexts =>
            {
                log.Add(contexts.Select(c => c.Unit.Id));
                body?.Invoke();
                foreach (var context in contexts) File.WriteAllText(context.Output("out.txt"), $"{context.Unit.Id} from {string.Join(",", context.Unit.Inputs.Select(i => i.Key[..8]))}");
            },
        };

    static string Artifact(ArtifactStore store, WorkUnit unit) => File.ReadAllText(Path.Combine(store.UnitDirectory(unit), "out.txt"));

    [Fact]
    public void Ready_units_of_one_group_run_in_one_call_and_are_committed_each_in_its_own_folder()
    {
        using var test = new TestStore();
        var log = new CallLog();
        var solo = TestStore.Unit("solo");
        var units = new[] { Grouped("g1", "G", log), Grouped("g2", "G", log), Grouped("g3", "G", log), Grouped("h1", "H", log) };

        var summary = test.Run([solo, .. units]);

        Assert.Equal("ran 5, reused 0, failed 0", summary.LastLine);
        Assert.Contains(["g1", "g2", "g3"], log.Calls);
        Assert.Contains(["h1"], log.Calls);
        Assert.Equal(2, log.Calls.Count);
        var store = test.Open();
        foreach (var unit in units)
        {
            Assert.Equal(ArtifactState.Valid, store.Verify(unit).State);
            Assert.StartsWith(unit.Id + " from", Artifact(store, unit));
            var manifest = Manifest.TryRead(Path.Combine(store.UnitDirectory(unit), Manifest.FileName))!;
            Assert.Equal(unit.Key, manifest.Key);
            Assert.Equal(unit.Id == "h1" ? 1 : 3, manifest.Measurements["group_units"]);
        }
        Assert.Equal(4, units.Select(u => store.UnitDirectory(u)).Distinct().Count());
    }

    [Fact]
    public void A_unit_waiting_for_an_input_is_not_pulled_into_a_group_early()
    {
        using var test = new TestStore();
        var log = new CallLog();
        using var release = new ManualResetEventSlim();
        var slow = TestStore.Unit("slow", context =>
        {
            release.Wait(TimeSpan.FromSeconds(30)); // finishes only once the group has started without its dependent
            File.WriteAllText(context.Output("out.txt"), "slow");
        });
        var waiting = Grouped("waiting", "G", log, inputs: [slow]);
        var ready = Grouped("ready", "G", log, body: release.Set);

        var summary = test.Run(slow, waiting, ready);

        Assert.Equal("ran 3, reused 0, failed 0", summary.LastLine);
        Assert.Equal([["ready"], ["waiting"]], log.Calls);
    }

    [Fact]
    public void A_throwing_group_body_fails_every_unit_of_the_call_with_its_message_and_leaves_no_temp_folder()
    {
        using var test = new TestStore();
        var log = new CallLog();
        Action body = () => throw new InvalidOperationException("out of memory on the group");
        var members = new[] { Grouped("g1", "G", log, body: body), Grouped("g2", "G", log, body: body) };
        var dependent = TestStore.Unit("after", inputs: [members[1]]);

        var summary = test.Run([.. members, dependent]);

        Assert.Equal("ran 0, reused 0, failed 3", summary.LastLine);
        Assert.Equal([["g1", "g2"]], log.Calls);
        foreach (var member in members)
            Assert.Equal("InvalidOperationException: out of memory on the group", summary.Results.Single(r => r.Unit.Id == member.Id).Error);
        Assert.Equal("not run: input g2 failed", summary.Results.Single(r => r.Unit.Id == "after").Error);
        Assert.Empty(Directory.GetDirectories(Path.Combine(test.Root, "tmp")));
        Assert.All(members, m => Assert.Equal(ArtifactState.Missing, test.Open().Verify(m).State));
    }

    [Fact]
    public void Changing_one_members_input_reruns_only_that_member_as_a_group_of_one()
    {
        using var test = new TestStore();
        var log = new CallLog();
        WorkUnit Ranking(string method, string version) =>
            new($"rank/{method}", "Test", "code-v1", method + version, new Dictionary<string, string> { ["version"] = version }, [],
                context => File.WriteAllText(context.Output("out.txt"), version));
        IReadOnlyList<WorkUnit> Plan(string igVersion)
        {
            var rankings = new[] { Ranking("ixg", "v1"), Ranking("ig", igVersion), Ranking("shap", "v1") };
            return [.. rankings, .. rankings.Select(r => Grouped($"retrain/{r.Id[5..]}", "split0", log, inputs: [r]))];
        }
        var first = test.Run([.. Plan("v1")]);
        Assert.Equal("ran 6, reused 0, failed 0", first.LastLine);
        Assert.Equal(3, log.Calls.Sum(c => c.Length));
        var before = log.Calls.Count;

        var changed = Plan("v2");
        var second = test.Run([.. changed]);

        Assert.Equal("ran 2, reused 4, failed 0", second.LastLine);
        Assert.Equal([["retrain/ig"]], log.Calls.Skip(before));
        var store = test.Open();
        Assert.All(changed, unit => Assert.Equal(ArtifactState.Valid, store.Verify(unit).State));
    }
}
