using System.Text.RegularExpressions;
using Agop.Build.Cli;
using Agop.Science.Attribution.Catalog;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// A target plans its own units and only the units they read, transitively: a dependency target's units that nothing of
/// the requested target reads are not planned (checked on the real default config, where it costs hours at paper scale).
/// </summary>
[Trait("Category", "Slow")]
public class PlanFollowsDataTests
{
    static readonly Regex RoarRetraining = new(@"^roar/[^/]+/seed\d+/[^/]+/t[0-9.]+$");

    static IReadOnlyList<string> PlanDefault(string target) => PlanFixture.PlanShipped("default", target).Select(u => u.Id).ToList();

    [Fact]
    public void Fei_plans_no_roar_retraining_and_no_ranking_but_the_t0_models_it_reads()
    {
        var ids = PlanDefault("Fei");
        Assert.Contains(ids, id => id.StartsWith("fei/", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.StartsWith("roar/", StringComparison.Ordinal) && id.EndsWith("/baseline", StringComparison.Ordinal));
        Assert.DoesNotContain(ids, id => RoarRetraining.IsMatch(id));
        Assert.DoesNotContain(ids, id => id.EndsWith("/rank", StringComparison.Ordinal));
        Assert.DoesNotContain(ids, id => id.StartsWith("attribute/", StringComparison.Ordinal) || id.StartsWith("evaluate/", StringComparison.Ordinal));
    }

    [Fact]
    public void Faithfulness_plans_no_evaluate_unit()
    {
        var ids = PlanDefault("Faithfulness");
        Assert.Contains(ids, id => id.StartsWith("faith/", StringComparison.Ordinal));
        Assert.DoesNotContain(ids, id => id.StartsWith("evaluate/", StringComparison.Ordinal) || id.StartsWith("evaluateimage/", StringComparison.Ordinal));
        Assert.DoesNotContain(ids, id => RoarRetraining.IsMatch(id));
    }

    [Fact]
    public void AttributeReal_plans_no_roar_retraining()
    {
        var ids = PlanDefault("AttributeReal");
        Assert.NotEmpty(ids);
        Assert.DoesNotContain(ids, id => RoarRetraining.IsMatch(id));
    }

    [Fact]
    public void Report_plans_every_unit_any_target_plans_but_the_variants_h7_traces_no_variant_claim_reads()
    {
        var report = PlanDefault("Report").ToHashSet(StringComparer.Ordinal);
        // --target TraceAgopImage builds the trace under every config; the report reads only the base's (Figure 4)
        static bool VariantTrace(string id) => id.StartsWith("image/agop-trace/", StringComparison.Ordinal) && id.Contains('@');
        foreach (var target in Host.CreateGraph(MethodCatalog.Default).Targets)
            Assert.All(PlanDefault(target.Name).Where(id => !VariantTrace(id)),
                id => Assert.True(report.Contains(id), $"{target.Name} plans {id}, which Report does not"));
        Assert.Contains(PlanDefault("TraceAgopImage"), VariantTrace);
        Assert.DoesNotContain(report, VariantTrace);
        Assert.Contains("image/agop-trace/linear/white/seed0", report);
        Assert.Equal(1, report.Count(id => id == "report"));
    }
}
