using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class BinarisationTests
{
    [Fact]
    public void Parses_the_config_forms_and_round_trips()
    {
        Assert.Same(Binarisation.TopKGroundTruth, Binarisation.Parse("topk_gt"));
        Assert.Equal(Binarisation.TopKGroundTruth, Binarisation.Default);
        var fraction = Binarisation.Parse("frac_of_max:0.5");
        Assert.Equal(BinarisationKind.FractionOfMax, fraction.Kind);
        Assert.Equal(0.5, fraction.Tau);
        Assert.Equal(Binarisation.FractionOfMax(0.5), fraction);
        Assert.Equal("frac_of_max:0.5", fraction.ToString());
        Assert.Equal("topk_gt", Binarisation.TopKGroundTruth.ToString());
        Assert.Equal(Binarisation.FractionOfMax(0.25), Binarisation.Parse(Binarisation.FractionOfMax(0.25).ToString()));
        Assert.Equal(1.0, Binarisation.Parse("frac_of_max:1").Tau);
    }

    [Theory]
    [InlineData("")]
    [InlineData("topk")]
    [InlineData("TOPK_GT")]
    [InlineData("frac_of_max")]
    [InlineData("frac_of_max:")]
    [InlineData("frac_of_max:abc")]
    [InlineData("frac_of_max:0")]
    [InlineData("frac_of_max:-0.2")]
    [InlineData("frac_of_max:1.5")]
    [InlineData("frac_of_max:NaN")]
    [InlineData("frac_of_max:0,5")]
    public void Bad_text_throws_with_a_message_naming_the_forms(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Binarisation.Parse(text));
        Assert.Contains("frac_of_max", error.Message);
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void The_factory_rejects_tau_outside_zero_to_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Binarisation.FractionOfMax(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binarisation.FractionOfMax(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Binarisation.FractionOfMax(double.NaN));
    }
}
