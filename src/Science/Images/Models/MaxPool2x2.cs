using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// max_pool2d(h, 2, 2) on CPU memory, without autograd, for contiguous float32 [N, C, H, W] with H and W even: the values
/// and the element each window's gradient goes to are libtorch's. libtorch scans a window row by row and takes an element
/// when it is greater than the maximum so far or NaN; its scalar loop branches on every compare, and on ReLU outputs those
/// branches are unpredictable (about 20 ns a window, a quarter of FEI's time on CNN8by8). Here a window (a b / c d) is
/// decided as t = pick(a, b), u = pick(c, d), pick(t, u) with pick(m, v) = v if v &gt; m or v is NaN, else m, which is
/// that scan, without branches: 8 windows at a time with AVX2 (a scalar loop elsewhere, with the same result).
/// <see cref="Forward"/> returns the values; <see cref="ForwardWithChoice"/> also what <see cref="Backward"/> needs.
/// </summary>
public static class MaxPool2x2
{
    /// <summary>Which element of each window was taken: three bit masks (b over a, d over c, the lower pair over the upper) per 8 windows.</summary>
    public sealed class Choice
    {
        internal Choice(long[] inputShape, byte[] bits) { InputShape = inputShape; Bits = bits; }
        internal long[] InputShape { get; }
        internal byte[] Bits { get; }
    }

    /// <summary>Whether <paramref name="h"/> is a contiguous float32 CPU [N, C, H, W] with H and W even (and small enough to index with an int).</summary>
    public static bool Applies(Tensor h) =>
        h.dim() == 4 && HostFloats.Holds(h) && h.is_contiguous()
        && h.shape[2] % 2 == 0 && h.shape[3] % 2 == 0 && h.shape[2] > 0 && h.shape[3] > 0 && h.numel() <= int.MaxValue / sizeof(float);

    /// <summary>The pooled values [N, C, H/2, W/2]; <paramref name="h"/> must satisfy <see cref="Applies"/>. No autograd.</summary>
    public static Tensor Forward(Tensor h) => Run(h, bits: null);

    /// <summary>The pooled values and the choice <see cref="Backward"/> routes gradients by.</summary>
    public static (Tensor Values, Choice Choice) ForwardWithChoice(Tensor h)
    {
        long windows = h.numel() / 4;
        var bits = new byte[(windows + 7) / 8 * 3];
        var values = Run(h, bits);
        return (values, new Choice(h.shape.ToArray(), bits));
    }

    /// <summary>
    /// ∂L/∂h from ∂L/∂(pooled) [N, C, H/2, W/2]: each window's gradient on the element it took, +0 elsewhere. As libtorch's
    /// max_pool2d backward (a zero-filled gradient that each window adds to), so a −0 arrives as +0.
    /// </summary>
    public static Tensor Backward(Tensor gradOutput, Choice choice)
    {
        var shape = choice.InputShape;
        long windows = shape[0] * shape[1] * shape[2] * shape[3] / 4;
        if (gradOutput.numel() != windows || !HostFloats.Holds(gradOutput))
            throw new ArgumentException($"MaxPool2x2.Backward: a float32 CPU gradient of {windows} windows expected (got [{string.Join(", ", gradOutput.shape)}], {gradOutput.dtype})");
        using var contiguousGrad = gradOutput.contiguous();
        var result = zeros(shape, dtype: ScalarType.Float32);
        var g = HostFloats.Of(contiguousGrad);
        var input = HostFloats.Of(result);
        int width = (int)shape[3];
        int half = width / 2;
        int row = 0, column = 0;
        var bits = choice.Bits;
        for (int o = 0; o < (int)windows; o++)
        {
            int block = o >> 3, lane = o & 7;
            int overA = (bits[3 * block] >> lane) & 1;
            int overC = (bits[3 * block + 1] >> lane) & 1;
            int lower = (bits[3 * block + 2] >> lane) & 1;
            int right = overA ^ (lower & (overA ^ overC));
            input[row * 2 * width + 2 * column + lower * width + right] = g[o] + 0f;
            if (++column == half) { column = 0; row++; }
        }
        return result;
    }

    static Tensor Run(Tensor h, byte[]? bits)
    {
        if (!Applies(h)) throw new ArgumentException($"MaxPool2x2 needs a contiguous float32 CPU [N, C, H, W] with H and W even (got [{string.Join(", ", h.shape)}], {h.dtype}, {h.device})");
        var (n, c, height, width) = (h.shape[0], h.shape[1], h.shape[2], h.shape[3]);
        var output = empty(n, c, height / 2, width / 2, dtype: ScalarType.Float32);
        var x = HostFloats.Of(h);
        var y = HostFloats.Of(output);
        int w = (int)width, half = w / 2;
        int done = 0;
        if (Avx2.IsSupported && 8 % half == 0) done = Vectorised(x, y, w, bits);
        Scalar(x, y, w, done, bits);
        return output;
    }

    /// <summary>Blocks of 8 windows: with W/2 dividing 8 they cover 32 consecutive input elements, at fixed offsets.</summary>
    static unsafe int Vectorised(ReadOnlySpan<float> x, Span<float> y, int width, byte[]? bits)
    {
        int half = width / 2;
        int blocks = y.Length / 8;
        var offsets = new int[8];
        for (int lane = 0; lane < 8; lane++) offsets[lane] = lane / half * 2 * width + 2 * (lane % half);
        var topLeft = Vector256.Create(offsets);
        var topRight = Avx2.Add(topLeft, Vector256.Create(1));
        var bottomLeft = Avx2.Add(topLeft, Vector256.Create(width));
        var bottomRight = Avx2.Add(bottomLeft, Vector256.Create(1));
        fixed (float* input = x)
        fixed (float* output = y)
        {
            for (int b = 0; b < blocks; b++)
            {
                float* window = input + 32 * b;
                var a = Avx2.GatherVector256(window, topLeft, 4);
                var bb = Avx2.GatherVector256(window, topRight, 4);
                var cc = Avx2.GatherVector256(window, bottomLeft, 4);
                var d = Avx2.GatherVector256(window, bottomRight, 4);
                var overA = Taken(a, bb);
                var upper = Avx.BlendVariable(a, bb, overA);
                var overC = Taken(cc, d);
                var lowerPair = Avx.BlendVariable(cc, d, overC);
                var lower = Taken(upper, lowerPair);
                Avx.Store(output + 8 * b, Avx.BlendVariable(upper, lowerPair, lower));
                if (bits != null)
                {
                    bits[3 * b] = (byte)Avx.MoveMask(overA);
                    bits[3 * b + 1] = (byte)Avx.MoveMask(overC);
                    bits[3 * b + 2] = (byte)Avx.MoveMask(lower);
                }
            }
        }
        return blocks * 8;
    }

    /// <summary>All ones where <paramref name="next"/> replaces <paramref name="max"/>: next &gt; max (false with NaN) or next is NaN.</summary>
    static Vector256<float> Taken(Vector256<float> max, Vector256<float> next) =>
        Avx.Or(Avx.CompareGreaterThan(next, max), Avx.CompareUnordered(next, next));

    /// <summary>Windows from <paramref name="first"/> on, one at a time.</summary>
    static void Scalar(ReadOnlySpan<float> x, Span<float> y, int width, int first, byte[]? bits)
    {
        int half = width / 2;
        for (int o = first; o < y.Length; o++)
        {
            int start = o / half * 2 * width + 2 * (o % half);
            float a = x[start], b = x[start + 1], c = x[start + width], d = x[start + width + 1];
            bool overA = b > a || float.IsNaN(b);
            float upper = overA ? b : a;
            bool overC = d > c || float.IsNaN(d);
            float lowerPair = overC ? d : c;
            bool lower = lowerPair > upper || float.IsNaN(lowerPair);
            y[o] = lower ? lowerPair : upper;
            if (bits != null)
            {
                int block = o >> 3, lane = o & 7;
                if (overA) bits[3 * block] |= (byte)(1 << lane);
                if (overC) bits[3 * block + 1] |= (byte)(1 << lane);
                if (lower) bits[3 * block + 2] |= (byte)(1 << lane);
            }
        }
    }
}
