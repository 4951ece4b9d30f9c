namespace Agop.Tests.EndToEnd;

/// <summary>Part 4's units in the plan: one per (model, method), FEI per (model, variant), and none when it is switched off.</summary>
[Trait("Category", "Slow")]
public class FaithTrackTests
{
    [Fact]
    public void Every_model_gets_a_faithfulness_unit_per_method_plus_fei_variants_and_the_random_floor()
    {
        var ids = PlanFixture.Plan().Select(u => u.Id).ToHashSet();
        foreach (var id in new[]
        {
            "faith/synthetic/linear/seed3/agop_ixg", "faith/synthetic/linear/seed3/fei", "faith/synthetic/linear/seed3/random_order",
            "faith/real/adult/seed0/lime", "faith/attribute/adult/seed0/lime", "faith/real/credit/seed0/fei_ext",
            "faith/image/linear/white/seed0/agop_weighted", "faith/image/linear/white/seed0/fei",
            "fei/synthetic/linear/seed3/fei", "fei/real/adult/seed0/fei_ext", "fei/image/linear/white/seed0/fei_ext",
        })
            Assert.Contains(id, ids);
        Assert.DoesNotContain("fei/synthetic/linear/seed3/fei_ins", ids); // the fixture asks for two variants only
        Assert.DoesNotContain("faith/image/linear/white/seed0/shap", ids); // tabular methods stay on tabular models
    }

    [Fact]
    public void Faith_disabled_plans_no_part_4_unit_and_fei_disabled_plans_no_fei_unit()
    {
        Assert.DoesNotContain(PlanFixture.Plan(["faith.enabled=false"]), u => u.Id.StartsWith("faith/") || u.Id.StartsWith("fei/"));
        var withoutFei = PlanFixture.Plan(["fei.enabled=false"]);
        Assert.DoesNotContain(withoutFei, u => u.Id.StartsWith("fei/") || u.Id.EndsWith("/fei") || u.Id.EndsWith("/fei_ext"));
        Assert.Contains(withoutFei, u => u.Id == "faith/synthetic/linear/seed3/ig");
    }

    [Fact]
    public void Changing_fei_steps_stales_only_fei_units_their_scores_and_the_report()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        var stale = PlanFixture.Plan(["fei.steps=7"]).Where(u => before[u.Id] != u.Key).Select(u => u.Id).ToList();
        Assert.NotEmpty(stale);
        Assert.All(stale, id => Assert.True(id.StartsWith("fei/") || id.EndsWith("/fei") || id.EndsWith("/fei_ext") || id == "report", id));
        Assert.Equal(2 * 4 + 1, stale.Count(id => id.StartsWith("fei/")) + stale.Count(id => id == "report"));
    }
}
