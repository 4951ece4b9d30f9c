using Agop.Science.Faithfulness;
using static TorchSharp.torch;

namespace Agop.Science.Attribution.Catalog;

/// <summary>
/// The reference image of an image method with a <c>baseline</c> option (<c>image.methods.ig.baseline</c>): zero (Captum's and
/// XAI-TRIS's default), the per-pixel training mean, or the input under the RISE blur that starts the insertion curve (SPEC §11.2).
/// </summary>
public static class ImageBaselines
{
    public const string Option = "baseline";
    public const string Zero = "zero", TrainMean = "train_mean", Blur = "blur";
    public static readonly IReadOnlyList<string> Kinds = [Zero, TrainMean, Blur];

    /// <param name="trainImages">N×C×H×W training images; called only for <c>train_mean</c>.</param>
    /// <returns>Baselines broadcasting against <paramref name="inputs"/>; null when the method has no baseline option or it is zero
    /// (the method's own zeros, so the zero baseline stays bit-identical).</returns>
    public static Tensor? For(MethodSettings settings, Tensor inputs, Func<Tensor> trainImages) =>
        !settings.Has(Option) ? null : settings.Text(Option) switch
        {
            Zero => null,
            TrainMean => trainImages().mean([0], keepdim: true),
            Blur => RiseBlur.Apply(inputs),
            var other => throw new ArgumentException($"unknown image baseline '{other}' (expected {string.Join(", ", Kinds)})"),
        };
}
