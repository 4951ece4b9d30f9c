using Agop.Build.Cli;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.Engine;

/// <summary>
/// The run facts that can change bits (torch threads, TorchSharp, libtorch and its origin, MKL's mode) are in the key of every unit
/// whose code computes with torch, and only theirs; a dry run names the changed fact.
/// </summary>
[Trait("Category", "Slow")]
public class KeyFactsTests
{
    static List<(string Action, string Id, string Reason)> DryRun(string output) => output.Split('\n')
        .Where(l => l.StartsWith("run ", StringComparison.Ordinal) || l.StartsWith("reuse", StringComparison.Ordinal))
        .Select(l => (Action: l[..5].Trim(), Text: l[5..].Trim()))
        .Select(p => (p.Action, Id: p.Text.Split(' ')[0], Reason: p.Text[p.Text.IndexOf(' ')..].Trim())).ToList();

    [Fact]
    public void Two_threads_after_one_rerun_exactly_the_torch_units_and_what_reads_them()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);

        var plan = DryRun(tiny.Run("--dry-run", "--verbosity", "normal", "--threads", "2").Output);

        Assert.All(plan.Where(p => p.Id.StartsWith("generate/", StringComparison.Ordinal)), p => Assert.Equal("reuse", p.Action));
        Assert.All(plan.Where(p => !p.Id.StartsWith("generate/", StringComparison.Ordinal)), p => Assert.Equal("run", p.Action));
        Assert.Contains(plan, p => p.Id == "train/linear/seed3" && p.Reason == "torch threads changed: 1 → 2");
        Assert.Contains(plan, p => p.Id == "attribute/linear/seed3/ixg" && p.Reason == "torch threads changed: 1 → 2");
        // evaluation computes without torch: stale only because the attributions it reads are
        Assert.Contains(plan, p => p.Id == "evaluate/linear/seed3/ixg" && p.Reason.StartsWith("input changed: attribute/linear/seed3/ixg", StringComparison.Ordinal));

        var rerun = tiny.Run("--threads", "2");
        Assert.Equal(0, rerun.Exit);
        Assert.Equal($"ran {plan.Count(p => p.Action == "run")}, reused {plan.Count(p => p.Action == "reuse")}, failed 0", TinyExperiment.LastLine(rerun.Output));
    }

    [Fact]
    public void Another_libtorch_reruns_every_unit_that_computes_with_torch_and_says_which_fact_changed()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);
        var toolchain = RunFacts.Toolchain("").ToDictionary();
        string before = toolchain["libtorch"];
        toolchain["libtorch"] = "libtorch-cpu 2.11.0";

        var (exit, output, _) = TinyExperiment.RunHost(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--threads", "1", "--dry-run"]);
        Assert.Equal(0, exit);
        Assert.All(DryRun(output), p => Assert.Equal("reuse", p.Action));

        var writer = new StringWriter();
        exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--threads", "1", "--dry-run"], writer, new StringWriter(), toolchain: toolchain);
        var plan = DryRun(writer.ToString());

        Assert.Equal(0, exit);
        Assert.Contains(plan, p => p.Id == "fitagop/linear/seed3" && p.Reason == $"toolchain changed: libtorch {before} → libtorch-cpu 2.11.0");
        Assert.All(plan.Where(p => !p.Id.StartsWith("generate/", StringComparison.Ordinal)), p => Assert.Equal("run", p.Action));
    }

    [Fact]
    public void Facts_go_only_into_the_keys_of_units_whose_code_reaches_the_marker()
    {
        var facts = new KeyFacts("src/Science/Torch/TorchRuntime.cs", new Dictionary<string, string> { ["libtorch"] = "2.10.0" }, 2);

        Assert.Empty(facts.For(new HashSet<string> { "src/Science/Data/RealSplit.cs" }));
        Assert.Equal(new Dictionary<string, string> { ["run.libtorch"] = "2.10.0", ["run.torch_threads"] = "2" },
            facts.For(new HashSet<string> { "src/Science/Torch/TorchRuntime.cs", "src/Science/Training/Trainer.cs" }));

        WorkUnit Unit(IReadOnlyDictionary<string, string>? keyed) => new("u", "Stage", "code", "{}", new Dictionary<string, string>(), [], _ => { }, keyed);
        Assert.Equal(Unit(null).Key, Unit(new Dictionary<string, string>()).Key);
        Assert.NotEqual(Unit(facts.For(new HashSet<string> { "src/Science/Torch/TorchRuntime.cs" })).Key,
            Unit(new KeyFacts(facts.Marker, facts.Toolchain, 1).For(new HashSet<string> { "src/Science/Torch/TorchRuntime.cs" })).Key);
    }
}
