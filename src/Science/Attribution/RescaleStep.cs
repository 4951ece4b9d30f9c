using System.Numerics;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// DeepSHAP's step through one ReLU layer (DeepLIFT's rescale rule) as one pass over CPU memory: for every pair of a sample
/// i and a background sample k, m[i, k, j] · (|Δz| &lt; ε ? 1[z_x &gt; 0] : (relu(z_x) − relu(z_b)) / Δz) with
/// Δz = z_x[i, j] − z_b[k, j]. libtorch took seven passes over the pairs for this (two of them, the compare and the select,
/// unvectorised) and a fresh tensor for each: about half of a ranking's time, with the page faults of those tensors. Every
/// operation is the same IEEE float operation libtorch applies (relu(x) = x &lt; 0 ? 0 : x, as its clamp_min keeps −0 and
/// NaN), so the bits are the same. Applies to float32 CPU tensors; <see cref="TryApply"/> says false otherwise.
/// </summary>
public static class RescaleStep
{
    /// <param name="multiplier">m [count, m, w] (a broadcast view is fine).</param>
    /// <param name="sample">z_x [count, w], the ReLU's input on the samples.</param>
    /// <param name="background">z_b [m, w], the ReLU's input on the background samples.</param>
    /// <param name="epsilon">ε, compared in float as libtorch compares a float tensor with a scalar.</param>
    /// <param name="result">A new [count, m, w] tensor, or null when this returns false.</param>
    public static bool TryApply(Tensor multiplier, Tensor sample, Tensor background, double epsilon, out Tensor? result)
    {
        result = null;
        if (multiplier.dim() != 3 || sample.dim() != 2 || background.dim() != 2) return false;
        long count = sample.shape[0], pairs = background.shape[0], width = sample.shape[1];
        if (background.shape[1] != width || !multiplier.shape.SequenceEqual(new[] { count, pairs, width })) return false;
        if (count * pairs * width > int.MaxValue / sizeof(float)) return false;
        foreach (var t in new[] { multiplier, sample, background })
            if (!HostFloats.Holds(t)) return false;
        using var m = multiplier.contiguous();
        using var x = sample.contiguous();
        using var b = background.contiguous();
        var output = empty(count, pairs, width, dtype: ScalarType.Float32, device: sample.device);
        Apply(HostFloats.Of(m), HostFloats.Of(x), HostFloats.Of(b), HostFloats.Of(output), (int)count, (int)pairs, (int)width, (float)epsilon);
        result = output;
        return true;
    }

    static void Apply(ReadOnlySpan<float> multiplier, ReadOnlySpan<float> sample, ReadOnlySpan<float> background, Span<float> output,
        int count, int pairs, int width, float epsilon)
    {
        int lanes = Vector<float>.Count;
        var small = new Vector<float>(epsilon);
        for (int i = 0; i < count; i++)
        {
            var x = sample.Slice(i * width, width);
            for (int k = 0; k < pairs; k++)
            {
                var b = background.Slice(k * width, width);
                int row = (i * pairs + k) * width;
                var m = multiplier.Slice(row, width);
                var o = output.Slice(row, width);
                int j = 0;
                for (; j + lanes <= width; j += lanes)
                {
                    var xv = new Vector<float>(x.Slice(j));
                    var bv = new Vector<float>(b.Slice(j));
                    var dz = xv - bv;
                    var rescale = (Relu(xv) - Relu(bv)) / dz;
                    var slope = Vector.ConditionalSelect(Vector.GreaterThan(xv, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
                    var factor = Vector.ConditionalSelect(Vector.LessThan(Vector.Abs(dz), small), slope, rescale);
                    (new Vector<float>(m.Slice(j)) * factor).CopyTo(o.Slice(j));
                }
                for (; j < width; j++)
                {
                    float dz = x[j] - b[j];
                    float factor = MathF.Abs(dz) < epsilon ? (x[j] > 0 ? 1f : 0f) : (Relu(x[j]) - Relu(b[j])) / dz;
                    o[j] = m[j] * factor;
                }
            }
        }
    }

    static Vector<float> Relu(Vector<float> v) => Vector.ConditionalSelect(Vector.LessThan(v, Vector<float>.Zero), Vector<float>.Zero, v);

    static float Relu(float v) => v < 0 ? 0f : v;
}
