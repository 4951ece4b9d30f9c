using Agop.Build.Targets.Faith;
using Agop.Pipeline.Config;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using Agop.Science.Models;
using Agop.Science.Roar;
using Agop.Tests.EndToEnd;
using Agop.Tests.Support;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Roar;

/// <summary>
/// ROAR's random ranking (roar.methods: random): the chance floor the methods' AUCs are read against. It is the catalog's
/// random method on a table, ranked as RoarTarget ranks every method, and it is selectable without entering any default.
/// </summary>
public class RandomRoarRankingTests
{
    const int Features = 12;

    /// <summary>A table of standardised-looking noise: 300 training rows, 12 features, two classes.</summary>
    static TabularData Table()
    {
        var random = new Random(5);
        float[] Rows(int n) => Enumerable.Range(0, n * Features).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        long[] Labels(int n) => Enumerable.Range(0, n).Select(i => (long)(i % 2)).ToArray();
        return new TabularData(Features, 2, Rows(300), Labels(300), Rows(40), Labels(40),
            Enumerable.Range(0, Features).Select(j => $"f{j}").ToList());
    }

    /// <summary>The global importance of the random method, built and applied as RoarTarget's rank unit does.</summary>
    static float[] Importance(TabularData table, int seed)
    {
        var method = MethodCatalog.Default[RandomAttribution.Descriptor.Id];
        var settings = MethodSettings.Read(method, key => throw new KeyNotFoundException($"random reads no option, not {key}"));
        using var model = new Mlp(table.Features, [8], 2, seed: 7);
        using var scope = NewDisposeScope();
        var x = tensor(table.TrainX, [table.TrainCount, table.Features]);
        var baselines = MethodSetup.Baselines(method, settings, table, seed, CPU);
        Assert.Null(baselines);
        var explainer = MethodSetup.CreateFittingAgop(method, settings, model, table, seed, CPU, agopTau: null);
        var attributions = explainer.Attribute(x, ClassGradient.Predict(model.forward, x), baselines).cpu().data<float>().ToArray();
        return GlobalRanking.Importance(attributions, table.TrainCount, table.Features);
    }

    static int[] Ranking(float[] importance) => FeatureRemoval.Top(importance, 1.0);

    [Fact]
    public void Random_runs_on_tables()
    {
        Assert.True(RandomAttribution.Descriptor.Modalities.HasFlag(Modalities.Tabular));
        Assert.True(RandomAttribution.Descriptor.Modalities.HasFlag(Modalities.Image));
        Assert.Contains(MethodCatalog.Default.For(Modalities.Tabular), m => m.Id == "random");
        Assert.DoesNotContain("per pixel (", RandomAttribution.Descriptor.Summary);
    }

    [Fact]
    public void The_random_ranking_is_the_same_for_the_same_seed()
    {
        var table = Table();
        foreach (int seed in new[] { 0, 42 })
            Assert.Equal(Importance(table, seed), Importance(table, seed));
    }

    [Fact]
    public void The_random_ranking_differs_across_seeds()
    {
        var table = Table();
        var rankings = new[] { 0, 1, 2, 42 }.Select(seed => Ranking(Importance(table, seed))).ToList();
        for (int a = 0; a < rankings.Count; a++)
            for (int b = a + 1; b < rankings.Count; b++)
                Assert.NotEqual(rankings[a], rankings[b]);
        // not only a reshuffle deep in the order: the features ROAR removes first differ too
        Assert.True(rankings.Select(r => r[0]).Distinct().Count() > 1, "every seed removes the same feature first");
        Assert.True(rankings.Select(r => string.Join(",", r[..(Features / 2)].Order())).Distinct().Count() > 1,
            "every seed removes the same half of the features");
    }

    [Fact]
    public void The_random_importance_is_a_valid_ranking_of_every_feature_at_chance_level()
    {
        var importance = Importance(Table(), 3);
        Assert.Equal(Features, importance.Length);
        Assert.All(importance, v => Assert.True(float.IsFinite(v) && v > 0, $"importance {v}"));
        // each row's normalised |a| sums to 1, so their mean does
        Assert.Equal(1.0, importance.Sum(v => (double)v), 4);
        // distinct values: the order comes from the attributions, not from FeatureRemoval's tie-break by index
        Assert.Equal(Features, importance.Distinct().Count());
        var ranking = Ranking(importance);
        Assert.Equal(Enumerable.Range(0, Features), ranking.Order());
        Assert.NotEqual(Enumerable.Range(0, Features), ranking);
        // chance: no feature stands out (each mean is 1/d ± a few standard errors of 0.58/(d·√300))
        Assert.All(importance, v => Assert.InRange(v, 0.75 / Features, 1.25 / Features));
    }

    [Fact]
    public void Random_is_selectable_in_roar_but_in_no_tabular_default()
    {
        string[] paperMethods = ["agop_ixg", "ixg", "ig", "shap", "lime"];
        var plain = ConfigLoader.Parse(PlanFixture.Schema(), "plan.yaml", PlanFixture.Yaml);
        Assert.Equal(paperMethods, plain.Strings("methods.enabled"));
        Assert.Equal(paperMethods, plain.Strings("roar.methods"));
        var withRandom = ConfigLoader.Parse(PlanFixture.Schema(), "plan.yaml", PlanFixture.Yaml, ["roar.methods=[agop_ixg, random]"]);
        Assert.Equal(["agop_ixg", "random"], withRandom.Strings("roar.methods"));

        // the shipped configs list it for ROAR only
        foreach (var name in new[] { "default", "paper", "smoke" })
        {
            var config = ConfigLoader.Load(PlanFixture.Schema(), Path.Combine(RepoRoot.Find(), "configs", name + ".yaml"));
            Assert.Contains("random", config.Strings("roar.methods"));
            Assert.DoesNotContain("random", config.Strings("methods.enabled"));
            Assert.DoesNotContain("random", Agop.Build.Families.Tables.RealTableFamily.Methods(config));
        }
    }

    [Fact]
    public void Roar_plans_a_rank_and_retrainings_for_random_and_part4_leaves_it_to_random_order()
    {
        var ids = PlanFixture.Plan(["roar.methods=[agop_ixg, random]"]).Select(u => u.Id).ToHashSet();
        foreach (var dataset in new[] { "adult", "credit" })
        {
            Assert.Contains($"roar/{dataset}/seed0/random/rank", ids);
            Assert.Contains($"roar/{dataset}/seed0/random/t0.1", ids);
            Assert.Contains($"roar/{dataset}/seed0/random/t0.5", ids);
            // Part 4 on the t = 0 model: the other ROAR method and the random-order floor, no random attributions
            Assert.Contains($"faith/attribute/{dataset}/seed0/agop_ixg", ids);
            Assert.Contains($"faith/real/{dataset}/seed0/agop_ixg", ids);
            Assert.Contains($"faith/real/{dataset}/seed0/random_order", ids);
            Assert.DoesNotContain($"faith/attribute/{dataset}/seed0/random", ids);
            Assert.DoesNotContain($"faith/real/{dataset}/seed0/random", ids);
        }
        // Part 1 does not run it
        Assert.DoesNotContain(ids, id => id.StartsWith("attribute/", StringComparison.Ordinal) && id.EndsWith("/random", StringComparison.Ordinal));
    }
}
