using Agop.Science.Attribution.Catalog;
using Agop.Science.Faithfulness;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>The start of an image method's path (<c>image.methods.&lt;id&gt;.baseline</c>, where a method declares it).</summary>
public static class ImageBaselines
{
    public const string Zero = "zero", TrainMean = "train_mean", Blur = "blur";
    public static readonly string[] Kinds = [Zero, TrainMean, Blur];

    /// <summary>
    /// The baselines for <paramref name="x"/> (N×1×S×S): null for zero (the method's own default) or a method without the option;
    /// the per-pixel mean of <paramref name="trainX"/> (one image, broadcast); or each input under RISE's blur.
    /// </summary>
    public static Tensor? For(MethodSettings options, Tensor x, Func<Tensor> trainX)
    {
        if (!options.Has(IntegratedGradients.BaselineOption)) return null;
        return options.Text(IntegratedGradients.BaselineOption) switch
        {
            Zero => null,
            TrainMean => trainX().mean([0], keepdim: true),
            Blur => RiseBlur.Apply(x),
            var other => throw new ArgumentException($"unknown image baseline '{other}' (expected {string.Join(", ", Kinds)})"),
        };
    }
}
