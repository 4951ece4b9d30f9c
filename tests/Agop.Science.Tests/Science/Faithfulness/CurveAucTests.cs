using Agop.Science.Faithfulness;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>RISE AUC and Quantus PixelFlipping AUC (SPEC §11.2).</summary>
public class CurveAucTests
{
    [Theory]
    [InlineData(0.37, 2)]
    [InlineData(0.37, 3)]
    [InlineData(0.81, 65)]
    public void Rise_auc_of_a_constant_curve_is_that_constant(double value, int points) =>
        Assert.Equal(value, CurveAuc.Rise(Enumerable.Repeat(value, points).ToArray()), 12);

    [Fact]
    public void Rise_auc_of_three_points_is_the_trapezoid_on_zero_to_one()
    {
        // h = 1/2: ½·((0.2 + 0.6)/2 + (0.6 + 1.0)/2) = 0.6
        Assert.Equal(0.6, CurveAuc.Rise([0.2, 0.6, 1.0]), 12);
        Assert.Equal(0.5, CurveAuc.Rise([1.0, 0.5, 0.0]), 12);
        Assert.Equal(0.35, CurveAuc.Rise([0.9, 0.2, 0.1]), 12); // (1.2 − 0.45 − 0.05)/2
    }

    [Fact]
    public void Pixel_flipping_drops_the_unperturbed_point_and_is_not_normalised()
    {
        // after the steps: 0.8, 0.5, 0.2 → (0.8 + 0.5)/2 + (0.5 + 0.2)/2 = 1.0
        Assert.Equal(1.0, CurveAuc.PixelFlipping([0.9, 0.8, 0.5, 0.2]), 12);
        // a constant c over n = 64 steps: c·(n − 1)
        Assert.Equal(0.5 * 63, CurveAuc.PixelFlipping(Enumerable.Repeat(0.5, 65).ToArray()), 10);
        Assert.Equal(0.0, CurveAuc.PixelFlipping([0.9, 0.4]));
    }

    [Fact]
    public void Row_wise_tensor_versions_match_the_span_versions()
    {
        using var scope = NewDisposeScope();
        double[][] rows = [[0.2, 0.6, 1.0], [0.9, 0.8, 0.5]];
        var curves = tensor(rows.SelectMany(r => r).ToArray(), [2, 3], dtype: ScalarType.Float32);
        var rise = CurveAuc.Rise(curves);
        var flip = CurveAuc.PixelFlipping(curves);
        for (int i = 0; i < 2; i++)
        {
            var row = rows[i].Select(v => (double)(float)v).ToArray();
            Assert.Equal(CurveAuc.Rise(row), rise[i]);
            Assert.Equal(CurveAuc.PixelFlipping(row), flip[i]);
        }
        var mean = CurveAuc.Mean(curves);
        double[] expected = [(0.2f + (double)0.9f) / 2, (0.6f + (double)0.8f) / 2, (1.0f + (double)0.5f) / 2];
        for (int j = 0; j < 3; j++) Assert.Equal(expected[j], mean[j], 12);
    }
}
