using System.Reflection;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;

namespace Agop.Tests.EndToEnd;

/// <summary>A unit's key covers exactly what its code reads: the config keys its settings came from, and nothing else.</summary>
[Trait("Category", "Slow")]
public class KeyCoverageTests
{
    [Fact]
    public void Changing_any_schema_key_stales_exactly_the_units_that_read_it_and_their_dependents()
    {
        var before = PlanFixture.Plan();
        var config = ConfigLoader.Parse(PlanFixture.Schema(), "plan.yaml", PlanFixture.Yaml);
        var checkedKeys = 0;
        foreach (var key in PlanFixture.Schema().Keys)
        {
            string changed = AnotherValue(key, config[key.Path].Value);
            var after = PlanFixture.Plan([$"{key.Path}={changed}"]);
            var oldById = before.ToDictionary(u => u.Id);
            var common = after.Where(u => oldById.ContainsKey(u.Id)).ToList();
            var readers = common.Where(u => u.Parameters.ContainsKey(key.Path) || oldById[u.Id].Parameters.ContainsKey(key.Path))
                .Select(u => u.Id).ToHashSet();
            var expected = WithDependents(readers, common);
            var stale = common.Where(u => u.Key != oldById[u.Id].Key).Select(u => u.Id).ToHashSet();
            Assert.True(expected.SetEquals(stale),
                $"{key.Path} -> {changed}: stale but not reading it: [{string.Join(", ", stale.Except(expected))}]; " +
                $"reading it but not stale: [{string.Join(", ", expected.Except(stale))}]");
            checkedKeys++;
        }
        Assert.True(checkedKeys >= 38, $"only {checkedKeys} keys were walked");
    }

    [Fact]
    public void A_method_option_stales_only_that_methods_units_their_faithfulness_scores_and_the_report()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        var stale = PlanFixture.Plan(["methods.ig.steps=7"]).Where(u => before[u.Id] != u.Key).Select(u => u.Id).Order().ToList();
        Assert.Equal(
        [
            "attribute/linear/seed3/ig", "evaluate/linear/seed3/ig",
            "faith/attribute/adult/seed0/ig", "faith/attribute/credit/seed0/ig",
            "faith/real/adult/seed0/ig", "faith/real/credit/seed0/ig", "faith/synthetic/linear/seed3/ig",
            "report",
            "roar/adult/seed0/ig/rank", "roar/adult/seed0/ig/t0.1", "roar/adult/seed0/ig/t0.5",
            "roar/credit/seed0/ig/rank", "roar/credit/seed0/ig/t0.1", "roar/credit/seed0/ig/t0.5",
        ], stale);
    }

    [Fact]
    public void Unit_code_receives_only_its_settings()
    {
        foreach (var unit in PlanFixture.Plan())
        {
            Assert.NotNull(unit.Body);
            var captured = unit.Body!.Target?.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) ?? [];
            Assert.True(captured.Length == 0, $"{unit.Id}: its code captures {string.Join(", ", captured.Select(f => f.Name))}; pass it through the settings");
        }
    }

    static HashSet<string> WithDependents(HashSet<string> direct, IReadOnlyList<WorkUnit> units)
    {
        var result = new HashSet<string>(direct);
        foreach (var unit in units) // dependency order: inputs come first
            if (unit.Inputs.Any(i => result.Contains(i.Id))) result.Add(unit.Id);
        return result;
    }

    /// <summary>A different valid value for a key, as --set text.</summary>
    static string AnotherValue(ConfigKey key, object value) => (key.Path, value) switch
    {
        ("image.size", _) => "64",
        ("image.samples", long l) => (l + 4).ToString(),
        ("image.miou.binarise", _) => "frac_of_max:0.5",
        ("data.tables", _) => $"{{extra: {{path: '{typeof(KeyCoverageTests).Assembly.Location}', target: y}}}}", // a table no roar.datasets names: read by no unit
        (_, string s) when key.Allowed is { Count: > 1 } allowed => allowed.First(a => a != s),
        _ => AnyOtherValue(key, value),
    };

    static string AnyOtherValue(ConfigKey key, object value) => value switch
    {
        bool b => b ? "false" : "true",
        long l => (l + 1 <= (key.Max ?? double.MaxValue) ? l + 1 : l - 1).ToString(),
        double d => ExperimentConfig.Canonical(d == 0 ? (key.Max ?? 1) / 2 : d * 1.5 <= (key.Max ?? double.MaxValue) ? d * 1.5 : d / 2),
        string s => s + "-changed",
        long[] ls => ExperimentConfig.Canonical(ls.Append(ls.Max() + 1).ToArray()),
        double[] ds => ExperimentConfig.Canonical(ds.Append(ds.Min() / 2).ToArray()),
        string[] ss when key.Allowed is { } allowed && allowed.Except(ss).FirstOrDefault() is { } extra => ExperimentConfig.Canonical(ss.Append(extra).ToArray()),
        string[] ss => ExperimentConfig.Canonical(ss.SkipLast(1).ToArray()),
        _ => throw new InvalidOperationException($"no alternative for {key.Path}"),
    };
}
