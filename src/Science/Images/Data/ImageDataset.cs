namespace Agop.Science.Images.Data;

/// <summary>
/// A generated (or loaded) XAI-TRIS dataset. <see cref="CombinedMask"/> (S×S) is the union of the training samples'
/// masks: for the fixed-position scenarios that is exactly G_comb, the union of the placed patterns; for RIGID it is
/// only descriptive, since RIGID is evaluated per sample (<see cref="UsesCombinedMask"/> is false).
/// <see cref="GroundTruthFrequency"/> (S×S) is the mean training mask. The norms are those of step 2 (P after the
/// multiplicative step 1), <see cref="Scale"/> the max|X| divided out in step 4.
/// </summary>
public sealed record ImageDataset(
    string Scenario,
    string Background,
    double Alpha,
    int Size,
    ImageSplit Train,
    ImageSplit Val,
    ImageSplit Test,
    byte[] CombinedMask,
    float[] GroundTruthFrequency,
    double PatternNorm,
    double BackgroundNorm,
    double Scale,
    bool Fp16RoundTrip)
{
    /// <summary>True where the evaluation mask is G_comb (linear, multiplicative, xor), false where it is each sample's own (RIGID).</summary>
    public bool UsesCombinedMask => XaiTrisCatalog.UsesCombinedMask(Scenario);
}
