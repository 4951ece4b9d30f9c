using Agop.Pipeline.Config;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// A config's robustness block: each variant is planned beside the base, shares every unit whose key it does not change,
/// reruns only the ones it does, and the report decides every claim under each (claims_robustness.csv).
/// </summary>
[Trait("Category", "Slow")]
public class RobustnessVariantTests
{
    static string WithVariants(string yaml, string block) => yaml + "\nrobustness:\n" + block;

    static List<string> RunLines(string output) => output.Split('\n').Where(l => l.StartsWith("run ", StringComparison.Ordinal))
        .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("own-mask", "image.miou.mask: own")]
    [InlineData("frac", "image.miou.binarise: \"frac_of_max:0.5\"")]
    public void A_variant_that_changes_only_the_mask_or_binarisation_adds_only_evaluation_units_and_the_report_reads_them(string name, string change)
    {
        var plain = PlanFixture.Plan();
        var units = PlanFixture.Plan(yaml: WithVariants(PlanFixture.Yaml, $"  {name}: {{ {change} }}\n"));

        var own = units.Where(u => u.Id.EndsWith("@" + name, StringComparison.Ordinal)).Select(u => u.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"image/evaluate/linear/white/seed0/agop_weighted@{name}", $"image/evaluate/linear/white/seed0/ig@{name}"], own);
        Assert.Equal(plain.Count + 2, units.Count);
        // every other unit is the base's, with the base's key
        var baseKeys = plain.ToDictionary(u => u.Id, u => u.Key);
        Assert.All(units.Where(u => !u.Id.Contains('@') && u.Id != "report"), u => Assert.Equal(baseKeys[u.Id], u.Key));
        var report = units.Single(u => u.Id == "report");
        Assert.Contains(report.Inputs, i => i.Id == own[0]);
        Assert.NotEqual(baseKeys["report"], report.Key);
        // the variant's own evaluation reads the base's attributions
        var evaluation = units.Single(u => u.Id == own[1]);
        Assert.Contains(evaluation.Inputs, i => i.Id == "image/attribute/linear/white/seed0/ig");
    }

    [Fact]
    public void A_variant_of_a_part_1_choice_reruns_what_reads_it_under_its_own_ids_and_groups()
    {
        var units = PlanFixture.Plan(yaml: WithVariants(PlanFixture.Yaml, "  tau:\n    agop:\n      tau: 0.2\n"));
        var own = units.Where(u => u.Id.EndsWith("@tau", StringComparison.Ordinal)).ToList();
        Assert.Contains(own, u => u.Id == "fitagop/linear/seed3@tau");
        Assert.Contains(own, u => u.Id == "evaluate/linear/seed3/agop_ixg@tau");
        Assert.DoesNotContain(own, u => u.Id.StartsWith("train/", StringComparison.Ordinal) || u.Id.Contains("/ig@", StringComparison.Ordinal));
        // a variant's grouped unit (ROAR retraining) never shares a group with the base's
        Assert.All(own.Where(u => u.GroupKey is not null), u => Assert.EndsWith("@tau", u.GroupKey));
        // a target below the report plans the variant's units of that target too
        var evaluate = PlanFixture.Plan(yaml: WithVariants(PlanFixture.Yaml, "  tau: { agop.tau: 0.2 }\n"), target: "Evaluate");
        Assert.Contains(evaluate, u => u.Id == "evaluate/linear/seed3/agop_ixg@tau");
        Assert.DoesNotContain(evaluate, u => u.Stage is "Roar" or "Report");
    }

    [Fact]
    public void A_variant_that_changes_the_agop_recomputes_the_kept_diag_M_and_what_reads_it_but_not_the_training_trace_only_the_base_figure_reads()
    {
        var units = PlanFixture.Plan(yaml: WithVariants(PlanFixture.Yaml, "  truth: { image.agop.target: \"true\" }\n"));
        var own = units.Where(u => u.Id.EndsWith("@truth", StringComparison.Ordinal)).Select(u => u.Id).ToList();
        Assert.Contains("image/agop/linear/white/seed0@truth", own);
        Assert.Contains("image/attribute/linear/white/seed0/agop_weighted@truth", own);
        Assert.DoesNotContain(own, id => id.StartsWith("image/agop-trace/", StringComparison.Ordinal));
        var report = units.Single(u => u.Id == "report");
        Assert.Contains(report.Inputs, i => i.Id == "image/agop-trace/linear/white/seed0");
        Assert.Contains(report.Inputs, i => i.Id == "image/agop/linear/white/seed0@truth");

        using var tiny = new TinyExperiment(WithVariants(TinyExperiment.ImageYaml, "  truth: { image.agop.target: \"true\" }\n"));
        var run = tiny.Run();
        Assert.True(run.Exit == 0, run.Errors);
        var ran = Directory.GetFiles(Path.Combine(tiny.Artifacts, "index"), "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f).Replace('~', '/')).ToList();
        Assert.Contains("image/agop/linear/white/seed0@truth", ran);
        Assert.Contains("image/agop-trace/linear/white/seed0", ran);
        Assert.DoesNotContain(ran, id => id.StartsWith("image/agop-trace/", StringComparison.Ordinal) && id.Contains('@'));
        var csv = File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "claims_robustness.csv"));
        Assert.Contains(csv, l => l.StartsWith("AGOP as Explanation,H1,truth,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  bad: { image.miou.binarise: top5 }\n", "image.miou.binarise")]
    [InlineData("  bad: { image.miou.binarize: topk_gt }\n", "image.miou.binarize")]
    [InlineData("  bad: { synthetic.informative: 99 }\n", "synthetic.informative")]
    [InlineData("  bad: {}\n", "robustness.bad")]
    public void An_invalid_override_in_a_variant_is_exit_2_naming_the_variant_and_the_key_with_nothing_written(string block, string key)
    {
        using var tiny = new TinyExperiment(WithVariants(TinyExperiment.ImageYaml, block));
        var result = tiny.Run();
        Assert.Equal(2, result.Exit);
        var first = result.Errors.Split('\n')[0];
        Assert.StartsWith("error: ", first);
        Assert.Contains($"'{key}'", first);
        if (key != "robustness.bad") Assert.Contains("in robustness variant 'bad'", first);
        else Assert.Contains("robustness variant 'bad' must set at least one config key", first);
        Assert.Contains(tiny.ConfigPath, first);
        Assert.False(Directory.Exists(tiny.Artifacts));
    }

    [Theory]
    [InlineData("  Own_Mask: { agop.tau: 0.2 }\n", "must be lower-case letters")]
    [InlineData("  - own\n", "expected named variants")]
    public void A_malformed_robustness_block_is_a_config_error(string block, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(PlanFixture.Schema(), "x.yaml", WithVariants(PlanFixture.Yaml, block)));
        Assert.Contains(problem, e.Message);
        Assert.Contains("robustness", e.Message);
    }

    [Fact]
    public void Adding_an_evaluation_variant_to_a_finished_run_reruns_only_its_evaluations_and_the_report_and_every_claim_gets_a_row_per_config()
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml);
        var first = tiny.Run();
        Assert.True(first.Exit == 0, first.Errors);

        File.WriteAllText(tiny.ConfigPath, WithVariants(TinyExperiment.ImageYaml, "  frac: { image.miou.binarise: \"frac_of_max:0.5\" }\n"));
        var dry = tiny.Run("--dry-run");
        var methods = ImageMethods(tiny);
        Assert.Equal([.. methods.Select(m => $"image/evaluate/linear/white/seed0/{m}@frac").Order(StringComparer.Ordinal), "report"], RunLines(dry.Output));

        var second = tiny.Run();
        Assert.True(second.Exit == 0, second.Errors);
        Assert.Equal($"ran {methods.Count + 1}, reused", TinyExperiment.LastLine(second.Output)[..$"ran {methods.Count + 1}, reused".Length]);
        var csv = File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "claims_robustness.csv"));
        Assert.Equal("paper,claim,variant,verdict,ours,uncertainty,scale,paper_value,p_value,changes,changes_inputs", csv[0]);
        var h1 = csv.Where(l => l.StartsWith("AGOP as Explanation,H1,", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, h1.Count);
        Assert.StartsWith("AGOP as Explanation,H1,base,", h1[0]);
        Assert.StartsWith("AGOP as Explanation,H1,frac,", h1[1]);
        Assert.Contains("image.miou.binarise: frac_of_max:0.5", h1[1]);
        Assert.EndsWith(",true", h1[1]); // the variant replaces image evaluations, which H1 reads
        // a Part 1 claim reads none of the units the variant replaces
        Assert.EndsWith(",false", Assert.Single(csv, l => l.StartsWith("AGOP-IxG,C1,frac,", StringComparison.Ordinal)));
        // the variant scores the same attributions differently, so its H1 differs from the base's
        Assert.NotEqual(h1[0].Split(',')[4], h1[1].Split(',')[4]);
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report", "table-4c.md")));

        var third = tiny.Run();
        Assert.Matches(@"^ran 0, reused \d+, failed 0$", TinyExperiment.LastLine(third.Output));
    }

    static List<string> ImageMethods(TinyExperiment tiny) =>
        File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "table4.csv")).Skip(1).Select(l => l.Split(',')[2]).Distinct().ToList();
}
