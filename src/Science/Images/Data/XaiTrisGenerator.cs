namespace Agop.Science.Images.Data;

/// <summary>
/// XAI-TRIS data, generated offline (SPEC §10.2): a deterministic function of (Seed, Scenario, Background, Alpha,
/// Samples, Size). Patterns, backgrounds, mixing and split each live in their own class.
/// </summary>
public static class XaiTrisGenerator
{
    public static ImageDataset Generate(XaiTrisSpec spec)
    {
        spec.Validate();
        int size = spec.Size, samples = spec.Samples, pixels = size * size;

        var patterns = XaiTrisPatterns.Build(spec.Scenario, samples, size, spec.Seed);
        var masks = XaiTrisPatterns.Masks(patterns, size);
        var backgrounds = XaiTrisBackgrounds.Build(spec.Background, spec.Seed, samples, size);
        var mixed = XaiTrisMixer.Mix(patterns, backgrounds, spec.Scenario, spec.Alpha, spec.Fp16RoundTrip);

        var labels = new long[samples];
        for (int i = 0; i < samples; i++) labels[i] = XaiTrisPatterns.Label(i, samples);
        var (trainIndices, valIndices, testIndices) = XaiTrisSplit.Indices(spec.Seed, samples, size);
        var train = ImageSplit.Take(mixed.X, labels, masks, pixels, trainIndices);
        var val = ImageSplit.Take(mixed.X, labels, masks, pixels, valIndices);
        var test = ImageSplit.Take(mixed.X, labels, masks, pixels, testIndices);

        var (combined, frequency) = TrainingMaskSummary(train, pixels);
        return new ImageDataset(spec.Scenario, spec.Background, spec.Alpha, size, train, val, test, combined, frequency,
            mixed.PatternNorm, mixed.BackgroundNorm, mixed.Scale, spec.Fp16RoundTrip);
    }

    /// <summary>The union and the mean of the training masks, pixel by pixel.</summary>
    static (byte[] Union, float[] Mean) TrainingMaskSummary(ImageSplit train, int pixels)
    {
        var counts = new int[pixels];
        for (int i = 0; i < train.Count; i++)
        {
            var mask = train.Masks.AsSpan(i * pixels, pixels);
            for (int p = 0; p < pixels; p++) counts[p] += mask[p];
        }
        var union = new byte[pixels];
        var mean = new float[pixels];
        for (int p = 0; p < pixels; p++)
        {
            union[p] = counts[p] > 0 ? (byte)1 : (byte)0;
            mean[p] = train.Count == 0 ? 0f : (float)((double)counts[p] / train.Count);
        }
        return (union, mean);
    }
}
