using Agop.Build.Targets.Images;
using System.Text.RegularExpressions;

namespace Agop.Tests.EndToEnd;

/// <summary>Which ROAR units may run as one grouped call: the retrainings of one split, and nothing else.</summary>
[Trait("Category", "Slow")]
public class RoarGroupingTests
{
    [Fact]
    public void Retrainings_of_one_split_share_a_group_key_and_no_other_unit_has_one()
    {
        var units = PlanFixture.Plan();
        var retrains = units.Where(u => Regex.IsMatch(u.Id, @"^roar/[^/]+/seed\d+/[^/]+/t[\d.]+$")).ToList();
        Assert.Equal(2 * 5 * 2, retrains.Count); // datasets × default methods × fractions
        Assert.All(retrains, u => Assert.True(u.IsGrouped, u.Id));
        var groups = retrains.GroupBy(u => u.GroupKey).ToList();
        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Single(g.Select(u => string.Join('/', u.Id.Split('/')[..3])).Distinct()));
        var trainings = units.Where(u => u.Stage == "TrainImage").ToList();
        Assert.NotEmpty(trainings);
        Assert.Single(trainings.Select(u => u.GroupKey).Distinct());
        Assert.All(trainings, u => Assert.Equal(TrainImageTarget.GroupSize, u.GroupLimit));
        Assert.All(units.Except(retrains).Except(trainings), u => Assert.Null(u.GroupKey));
    }
}
