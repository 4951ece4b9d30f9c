using Agop.Science.Data;

namespace Agop.Science.Images.Data;

/// <summary>
/// The background noise B (N×S×S): i.i.d. N(0, 0.5²) from the stream (seed, "bg", N, S), drawn sample by sample,
/// row-major. Like XT, one array per data seed, shared by every scenario and both backgrounds; <c>correlated</c>
/// smooths each image with the size's σ.
/// </summary>
public static class XaiTrisBackgrounds
{
    const double StandardDeviation = 0.5;

    public static double[] White(int seed, int samples, int size)
    {
        var random = SeedStream.Open(seed, "bg", samples, size);
        var noise = new double[samples * size * size];
        for (int p = 0; p < noise.Length; p++) noise[p] = StandardDeviation * Gaussian.Next(random);
        return noise;
    }

    public static double[] Build(string background, int seed, int samples, int size)
    {
        var noise = White(seed, samples, size);
        switch (background)
        {
            case "white":
                return noise;
            case "correlated":
                Smooth(noise, size, XaiTrisCatalog.BackgroundSigma(size));
                return noise;
            default:
                throw new ArgumentException($"unknown XAI-TRIS background '{background}'; known: {string.Join(", ", XaiTrisCatalog.Backgrounds)}");
        }
    }

    /// <summary>Filters every S×S image of the stack in place.</summary>
    public static void Smooth(double[] images, int size, double sigma)
    {
        int pixels = size * size;
        var filter = new GaussianFilter(size, sigma);
        var scratch = new double[pixels];
        for (int offset = 0; offset < images.Length; offset += pixels) filter.Apply2D(images.AsSpan(offset, pixels), scratch);
    }
}
