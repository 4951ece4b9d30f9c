namespace Agop.Science.Images.Data;

/// <summary>Everything that determines one XAI-TRIS dataset (SPEC §10.2).</summary>
/// <param name="Fp16RoundTrip">Round X to IEEE half and back, as XT stores float16 (<c>image.fp16_roundtrip</c>).</param>
public sealed record XaiTrisSpec(
    string Scenario,
    string Background,
    double Alpha,
    int Samples,
    int Seed,
    bool Fp16RoundTrip = true,
    int Size = 8)
{
    /// <summary>The spec with XT's α for its cell and XT's sample count for its size.</summary>
    public static XaiTrisSpec Default(string scenario, string background, int seed, int size = 8) =>
        new(scenario, background, XaiTrisCatalog.DefaultAlpha(scenario, background, size), XaiTrisCatalog.DefaultSamples(size), seed, Size: size);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (!XaiTrisCatalog.Scenarios.Contains(Scenario))
            throw new ArgumentException($"unknown XAI-TRIS scenario '{Scenario}'; known: {string.Join(", ", XaiTrisCatalog.Scenarios)}");
        if (!XaiTrisCatalog.Backgrounds.Contains(Background))
            throw new ArgumentException($"unknown XAI-TRIS background '{Background}'; known: {string.Join(", ", XaiTrisCatalog.Backgrounds)}");
        if (!(Alpha > 0.0 && Alpha <= 1.0))
            throw new ArgumentException($"XAI-TRIS alpha must lie in (0, 1], got {Alpha}");
        if (!XaiTrisCatalog.ImageSizes.Contains(Size))
            throw new ArgumentException($"XAI-TRIS image size must be {string.Join(" or ", XaiTrisCatalog.ImageSizes)}, got {Size}");
        if (Samples < 40 || Samples % 4 != 0)
            throw new ArgumentException($"XAI-TRIS needs at least 40 samples and a multiple of 4 (XOR has four sign blocks of N/4), got {Samples}");
    }
}
