using Agop.Pipeline.Execution.Slurm;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Tests.Cluster;

/// <summary>Bundling, the parsing of Slurm's output, and the [Slurm] settings.</summary>
[Trait("Category", "Slow")]
public class SlurmPiecesTests
{
    static WorkUnit Unit(string id, string stage = "Evaluate", params WorkUnit[] inputs) =>
        new(id, stage, "code", "{}", new Dictionary<string, string>(), inputs.Select(i => new UnitInput("in", i)).ToList(), _ => { });

    static List<PlannedUnit> Plan(params WorkUnit[] units) => units.Select(u => new PlannedUnit(u, UnitAction.Run, "new")).ToList();

    [Fact]
    public void Bundles_start_from_ready_units_and_grow_downstream_only_with_units_whose_unbuilt_inputs_are_all_inside()
    {
        var a = Unit("a");
        var b = Unit("b");
        var a1 = Unit("a1", "Evaluate", a);
        var a2 = Unit("a2", "Evaluate", a1);
        var ab = Unit("ab", "Evaluate", a, b);
        var plan = Plan(a, b, a1, a2, ab);
        var bundles = Bundler.Next(plan, _ => false, _ => true, slots: 2, unitsPerJob: 10);

        Assert.Equal([["a", "a1", "a2"], ["b"]], bundles.Select(x => x.Select(p => p.Unit.Id).ToArray()).ToArray());
        // Once a is built, ab waits only for b: it joins b's bundle.
        var later = Bundler.Next(Plan(b, ab), id => id == "a", _ => true, slots: 1, unitsPerJob: 10);
        Assert.Equal(["b", "ab"], later.Single().Select(p => p.Unit.Id));
    }

    [Fact]
    public void Bundles_respect_the_slots_and_the_cap_and_nothing_is_submitted_while_nothing_is_ready()
    {
        var roots = Enumerable.Range(0, 7).Select(i => Unit($"r{i}")).ToArray();
        var bundles = Bundler.Next(Plan(roots), _ => false, _ => true, slots: 2, unitsPerJob: 3);
        Assert.Equal([3, 3], bundles.Select(b => b.Count));
        Assert.Equal(6, bundles.SelectMany(b => b).Select(p => p.Unit.Id).Distinct().Count());

        var a = Unit("a");
        var waiting = Unit("w", "Evaluate", a);
        Assert.Empty(Bundler.Next(Plan(waiting), _ => false, _ => true, slots: 4, unitsPerJob: 3)); // a is still being built elsewhere
        Assert.Single(Bundler.Next(Plan(waiting), _ => false, id => id != "a", slots: 4, unitsPerJob: 3)); // a was reused
    }

    [Fact]
    public void Ready_members_of_one_group_share_a_bundle()
    {
        WorkUnit Grouped(string id, string group) =>
            new(id, "Roar", "code", id, new Dictionary<string, string>(), [], _ => { }) { GroupKey = group, GroupExecute = _ => { } };
        var plan = Plan(Grouped("g1", "G"), Unit("a"), Grouped("h1", "H"), Grouped("g2", "G"), Unit("b"), Grouped("h2", "H"), Grouped("g3", "G"));
        var bundles = Bundler.Next(plan, _ => false, _ => true, slots: 2, unitsPerJob: 10);

        Assert.Equal([["g1", "h1", "g2", "h2", "g3"], ["a", "b"]], bundles.Select(x => x.Select(p => p.Unit.Id).ToArray()).ToArray());
    }

    [Fact]
    public void Squeue_sbatch_and_sinfo_output_parse()
    {
        Assert.Equal("4711", SlurmOutput.ParseJobId("4711\n"));
        Assert.Equal("4711", SlurmOutput.ParseJobId("4711;cluster\n"));
        Assert.Throws<SlurmException>(() => SlurmOutput.ParseJobId("sbatch: error: nope"));

        var states = SlurmOutput.ParseStates("12_0|RUNNING|None\n12_1|CANCELLED|None\n13_0|PENDING|Resources\n");
        Assert.False(states["12_0"].HasEnded);
        Assert.True(states["12_1"].HasEnded);
        Assert.Equal("Resources", states["13_0"].Reason);
        Assert.False(states["13_0"].HasEnded);

        var partitions = SlurmOutput.ParsePartitions("debug*|infinite\ngpu|2-00:00:00\nshort|30:00\n");
        Assert.Equal(["debug", "gpu", "short"], partitions.Select(p => p.Name));
        Assert.True(partitions[0].IsDefault);
        Assert.Null(partitions[0].MaxTime);
        Assert.Equal(TimeSpan.FromDays(2), partitions[1].MaxTime);
        Assert.Equal(TimeSpan.FromMinutes(30), partitions[2].MaxTime);
    }

    [Theory]
    [InlineData("30", 0, 30, 0)]
    [InlineData("90:30", 1, 30, 30)]
    [InlineData("02:00:00", 2, 0, 0)]
    [InlineData("1-12", 36, 0, 0)]
    [InlineData("1-00:30:00", 24, 30, 0)]
    public void Slurm_time_limits_parse_in_every_form_sbatch_accepts(string text, int hours, int minutes, int seconds)
    {
        Assert.True(SlurmSettings.TryParseTime(text, out var time));
        Assert.Equal(new TimeSpan(hours, minutes, seconds), time);
        Assert.True(SlurmSettings.TryParseTime(SlurmSettings.Format(time), out var again));
        Assert.Equal(time, again);
    }

    [Fact]
    public void A_job_asks_for_the_summed_time_of_its_units_within_the_partition_limit_and_the_resources_configured()
    {
        var settings = SlurmSettings.Defaults with { Partition = "gpu", Memory = "8G", ExtraArgs = "--account=lab --qos=high", LongRunningStages = ["Train"] };
        var bundles = new List<IReadOnlyList<PlannedUnit>> { Plan(Unit("t", "Train"), Unit("e")), Plan(Unit("e2")) };
        var options = new SlurmJobOptions(settings, 4, "cuda", "agop-x", "/a/%A_%a.log", "/work", partitionMaxTime: null);
        var args = options.Arguments(bundles);
        Assert.Contains("--array=0-1", args);
        Assert.Contains("--time=02:30:00", args);
        Assert.Contains("--cpus-per-task=4", args);
        Assert.Contains("--partition=gpu", args);
        Assert.Contains("--mem=8G", args);
        Assert.Contains("--gres=gpu:1", args); // cuda without [Slurm] Gpus: one GPU per job
        Assert.Contains("--account=lab", args);
        Assert.Contains("--qos=high", args);

        var capped = new SlurmJobOptions(settings, 1, "cpu", "agop-x", "/a/%A_%a.log", "/work", partitionMaxTime: TimeSpan.FromHours(1));
        Assert.Contains("--time=01:00:00", capped.Arguments(bundles));
        Assert.DoesNotContain(capped.Arguments(bundles), a => a.StartsWith("--gres", StringComparison.Ordinal));
    }

    [Fact]
    public void Slurm_settings_come_from_cake_config_and_bad_values_name_their_source()
    {
        string file = Path.Combine(Path.GetTempPath(), "agop-cake-" + Guid.NewGuid().ToString("N")[..8] + ".config");
        try
        {
            File.WriteAllText(file, "[Runner]\nExecutor = slurm\n[Slurm]\nPartition = gpu\nTime = 45\nTrainingTime = 1-00:00:00\nGpus = 2\nUnitsPerJob = 8\n");
            var settings = RunnerSettings.Resolve(file, new Dictionary<string, string>(), _ => null, longRunning: ["TrainImage"]);
            Assert.Equal(Executor.Slurm, settings.Executor);
            Assert.Equal("gpu", settings.SlurmJobs.Partition);
            Assert.Equal(TimeSpan.FromMinutes(45), settings.SlurmJobs.Time);
            Assert.Equal(TimeSpan.FromDays(1), settings.SlurmJobs.TimeFor("TrainImage"));
            Assert.Equal(2, settings.SlurmJobs.Gpus);
            Assert.Equal(8, settings.SlurmJobs.UnitsPerJob);

            var local = RunnerSettings.Resolve(file, new Dictionary<string, string> { ["executor"] = "local" }, _ => null);
            Assert.Equal(Executor.Local, local.Executor);

            File.WriteAllText(file, "[Slurm]\nTime = soon\n");
            var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(file, new Dictionary<string, string>(), _ => null));
            Assert.Contains("Time", e.Message);
            Assert.Contains($"{file}:2", e.Message);
            var wrong = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(null, new Dictionary<string, string>(), v => v == "AGOP_RUNNER_EXECUTOR" ? "kubernetes" : null));
            Assert.Contains("AGOP_RUNNER_EXECUTOR", wrong.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
