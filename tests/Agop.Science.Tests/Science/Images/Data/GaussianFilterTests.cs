using Agop.Science.Images.Data;

namespace Agop.Tests.Science.Images.Data;

public class GaussianFilterTests
{
    [Theory]
    [InlineData(0, new[] { 0.258783, 0.232284, 0.187145, 0.135375, 0.088036, 0.051832, 0.028730, 0.017816 })]
    [InlineData(3, new[] { 0.135375, 0.139806, 0.144310, 0.143203, 0.133396, 0.116704, 0.099171, 0.088036 })]
    public void A_delta_matches_the_spec_oracle(int at, double[] expected)
    {
        var delta = new double[8];
        delta[at] = 1.0;

        var filtered = new GaussianFilter(8, 3.0).Apply(delta);

        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], filtered[i], 1e-6);
    }

    [Fact]
    public void Radius_and_kernel_follow_scipy_truncate_4()
    {
        Assert.Equal(12, GaussianFilter.Radius(3.0));
        Assert.Equal(40, GaussianFilter.Radius(10.0));
        Assert.Equal(6, GaussianFilter.Radius(1.5));
        var kernel = GaussianFilter.Kernel(3.0);
        Assert.Equal(25, kernel.Length);
        Assert.Equal(1.0, kernel.Sum(), 1e-12);
        Assert.Equal(kernel[0], kernel[^1]);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(-8, 7)]
    [InlineData(8, 7)]
    [InlineData(15, 0)]
    [InlineData(16, 0)]
    [InlineData(-9, 7)]
    public void Reflect_is_half_sample_symmetric_with_period_2n(int index, int expected) =>
        Assert.Equal(expected, GaussianFilter.Reflect(index, 8));

    [Fact]
    public void The_2D_filter_is_the_1D_filter_along_each_axis()
    {
        var filter = new GaussianFilter(8, 3.0);
        var image = new double[64];
        image[3 * 8 + 0] = 1.0;

        filter.Apply2D(image, new double[64]);

        var column = filter.Apply([0, 0, 0, 1, 0, 0, 0, 0]);
        var row = filter.Apply([1, 0, 0, 0, 0, 0, 0, 0]);
        for (int r = 0; r < 8; r++)
            for (int c = 0; c < 8; c++)
                Assert.Equal(column[r] * row[c], image[r * 8 + c], 1e-12);
    }

    [Fact]
    public void A_constant_image_stays_constant_even_when_the_kernel_is_wider_than_the_image()
    {
        var image = Enumerable.Repeat(2.5, 64).ToArray();

        new GaussianFilter(8, 3.0).Apply2D(image, new double[64]);

        Assert.All(image, v => Assert.Equal(2.5, v, 1e-12));
    }
}
