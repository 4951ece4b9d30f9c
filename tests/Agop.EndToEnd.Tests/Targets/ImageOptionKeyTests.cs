using Agop.Science.Images.Agop;
using Agop.Tests.EndToEnd;

namespace Agop.Tests.Science.Images;

/// <summary>The image options that change AGOP's and the methods' bits are in exactly the keys of the units they change.</summary>
public class ImageOptionKeyTests
{
    static Dictionary<string, string> Keys(params string[] overrides) => PlanFixture.Plan(overrides).ToDictionary(u => u.Id, u => u.Key);

    [Fact]
    public void The_agop_target_and_output_are_in_fit_agops_key_and_in_trainings_only_under_the_online_hook()
    {
        const string train = "image/train/linear/white/seed0", fit = "image/agop/linear/white/seed0";
        var predicted = Keys("image.agop.target=predicted");
        var truth = Keys("image.agop.target=true");
        Assert.Equal(predicted[train], truth[train]);
        Assert.NotEqual(predicted[fit], truth[fit]);
        Assert.Equal(predicted[train], Keys("image.attr_output=prob")[train]);

        var onlinePredicted = Keys("image.agop.hook=online", "image.agop.target=predicted");
        Assert.NotEqual(onlinePredicted[train], Keys("image.agop.hook=online", "image.agop.target=true")[train]);
        Assert.NotEqual(onlinePredicted[train], Keys("image.agop.hook=online", "image.attr_output=prob")[train]);
        Assert.NotEqual(predicted[train], Keys("image.agop.track_every=3")[train]);
    }

    [Fact]
    public void The_explained_output_is_in_fit_agops_key_and_so_in_every_agop_methods_inputs()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        var stale = PlanFixture.Plan(["image.attr_output=prob"]).Where(u => before[u.Id] != u.Key).Select(u => u.Id).ToHashSet();
        Assert.Contains("image/agop/linear/white/seed0", stale);
        Assert.Contains("image/attribute/linear/white/seed0/agop_weighted", stale);
    }

    [Fact]
    public void The_baseline_is_in_the_image_ig_units_keys_only()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        var stale = PlanFixture.Plan(["image.methods.ig.baseline=train_mean"]).Where(u => before[u.Id] != u.Key).Select(u => u.Id).ToList();
        Assert.Contains("image/attribute/linear/white/seed0/ig", stale);
        Assert.DoesNotContain(stale, id => id.StartsWith("image/", StringComparison.Ordinal) && !id.Contains("/ig", StringComparison.Ordinal));
        Assert.DoesNotContain(stale, id => id.StartsWith("attribute/", StringComparison.Ordinal) || id.StartsWith("roar/", StringComparison.Ordinal));
    }
}
