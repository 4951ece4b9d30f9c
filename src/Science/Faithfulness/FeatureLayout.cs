using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>
/// How an attribution maps onto the inputs. Either it has the inputs' shape (one feature per element), or the inputs
/// are N×C×H×W images and the attribution is per pixel, N×H×W: all channels of a pixel move together (RISE).
/// </summary>
internal sealed class FeatureLayout
{
    readonly long[] maskTail;

    FeatureLayout(long features, long[] maskTail)
    {
        Features = features;
        this.maskTail = maskTail;
    }

    /// <summary>d: the number of ranked features (pixels) per sample.</summary>
    public long Features { get; }

    public static FeatureLayout Of(Tensor inputs, Tensor attribution)
    {
        if (inputs.dim() < 2) throw new ArgumentException("inputs must be N×… with at least one feature dimension", nameof(inputs));
        long n = inputs.shape[0];
        if (attribution.shape.SequenceEqual(inputs.shape))
            return new FeatureLayout(inputs.numel() / Math.Max(1, n), inputs.shape.Skip(1).ToArray());
        if (inputs.dim() == 4 && attribution.dim() == 3 && attribution.shape[0] == n
            && attribution.shape[1] == inputs.shape[2] && attribution.shape[2] == inputs.shape[3])
            return new FeatureLayout(inputs.shape[2] * inputs.shape[3], [1, inputs.shape[2], inputs.shape[3]]);
        throw new ArgumentException(
            $"attribution shape [{string.Join(", ", attribution.shape)}] must equal the inputs' [{string.Join(", ", inputs.shape)}] or be per pixel (N×H×W for N×C×H×W images)",
            nameof(attribution));
    }

    /// <summary>The rows' rank positions turned into a mask "rank &lt; k", shaped to broadcast against the inputs.</summary>
    public Tensor Mask(Tensor positions, long k)
    {
        using var limit = k.ToScalar();
        return positions.lt(limit).view([positions.shape[0], .. maskTail]);
    }

    /// <summary>Rows [start, start + count) of a per-sample tensor (leading dimension N, same rank as the inputs), else the tensor itself (broadcast).</summary>
    public static Tensor Rows(Tensor t, Tensor inputs, long start, long count) =>
        t.dim() == inputs.dim() && t.shape[0] == inputs.shape[0] ? t.narrow(0, start, count) : t;

    /// <summary>Checks that a start/substrate tensor broadcasts to the inputs' shape and casts it to their dtype and device.</summary>
    public static Tensor Like(Tensor t, Tensor inputs, string name)
    {
        var shape = t.shape;
        var target = inputs.shape;
        bool fits = shape.Length <= target.Length;
        for (int i = 1; fits && i <= shape.Length; i++)
            fits = shape[^i] == 1 || shape[^i] == target[^i];
        if (!fits)
            throw new ArgumentException($"{name} of shape [{string.Join(", ", shape)}] does not broadcast to the inputs' [{string.Join(", ", target)}]", name);
        return t.to(inputs.dtype, inputs.device);
    }
}
