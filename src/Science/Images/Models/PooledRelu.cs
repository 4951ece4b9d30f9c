using System.Buffers;
using System.Numerics;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// relu(max_pool2d(a, 2, 2)) of <see cref="SmallConvolution.Pool"/> on activations [G, C, H, W, batch] (batch innermost),
/// by hand on CPU memory and without autograd, with what libtorch computes in both directions:
/// <list type="bullet">
/// <item>the pool (its channels-last kernel, the batch playing the channels) scans a window row by row from −∞ and takes an
/// element when it is greater than the maximum so far or NaN; odd last rows and columns are not read (floor);</item>
/// <item>ReLU is clamp_min(v, 0), so v &lt; 0 gives +0 and −0 and NaN pass;</item>
/// <item>backward, ReLU's threshold_backward gives +0 where the output is ≤ 0, and the pool adds each window's gradient to
/// a zero-filled input gradient at the element it took (so a −0 arrives as +0).</item>
/// </list>
/// The bits are libtorch's (<c>PooledReluTests</c>); one pass each way instead of libtorch's pool, its index tensor, the
/// zero fill and two elementwise passes.
/// </summary>
public static class PooledRelu
{
    /// <summary>Which element of each window was taken (0 to 3, row by row), per output element; disposing returns its buffer to the pool.</summary>
    public sealed class Choice : IDisposable
    {
        int[]? _buffer;

        internal Choice(long[] inputShape, int count)
        {
            InputShape = inputShape;
            Count = count;
            _buffer = ArrayPool<int>.Shared.Rent(count);
        }

        internal long[] InputShape { get; }
        internal int Count { get; }
        internal Span<int> Taken => (_buffer ?? throw new ObjectDisposedException(nameof(Choice))).AsSpan(0, Count);

        public void Dispose()
        {
            if (_buffer is { } buffer) ArrayPool<int>.Shared.Return(buffer);
            _buffer = null;
        }
    }

    /// <summary>Whether <paramref name="a"/> is a contiguous float32 CPU [G, C, H, W, batch] with H, W ≥ 2, small enough to index with an int.</summary>
    public static bool Applies(Tensor a) =>
        a.dim() == 5 && HostFloats.Holds(a) && a.is_contiguous() && a.shape[2] >= 2 && a.shape[3] >= 2 && a.shape[4] > 0
        && a.numel() <= int.MaxValue / sizeof(float);

    /// <summary>relu(pool(a)) [G, C, H/2, W/2, batch] and the choice <see cref="Backward"/> routes gradients by.</summary>
    public static (Tensor Values, Choice Choice) Forward(Tensor a)
    {
        if (!Applies(a)) throw new ArgumentException($"PooledRelu needs a contiguous float32 CPU [G, C, H, W, batch] with H, W ≥ 2 (got [{string.Join(", ", a.shape)}], {a.dtype}, {a.device})");
        int planes = (int)(a.shape[0] * a.shape[1]), height = (int)a.shape[2], width = (int)a.shape[3], batch = (int)a.shape[4];
        int outHeight = height / 2, outWidth = width / 2;
        var values = empty([a.shape[0], a.shape[1], outHeight, outWidth, batch], dtype: ScalarType.Float32);
        var choice = new Choice(a.shape.ToArray(), (int)values.numel());
        var taken = choice.Taken;
        var input = HostFloats.Of(a);
        var output = HostFloats.Of(values);
        int o = 0;
        for (int p = 0; p < planes; p++)
            for (int oy = 0; oy < outHeight; oy++)
                for (int ox = 0; ox < outWidth; ox++, o += batch)
                {
                    int topLeft = ((p * height + 2 * oy) * width + 2 * ox) * batch;
                    int bottomLeft = topLeft + width * batch;
                    Window(input.Slice(topLeft, batch), input.Slice(topLeft + batch, batch), input.Slice(bottomLeft, batch),
                        input.Slice(bottomLeft + batch, batch), output.Slice(o, batch), taken.Slice(o, batch));
                }
        return (values, choice);
    }

    /// <summary>∂L/∂a from ∂L/∂values, with the <paramref name="values"/> and <paramref name="choice"/> of <see cref="Forward"/>.</summary>
    public static Tensor Backward(Tensor gradValues, Tensor values, Choice choice)
    {
        var shape = choice.InputShape;
        if (gradValues.numel() != choice.Count || values.numel() != choice.Count || !HostFloats.Holds(gradValues) || !HostFloats.Holds(values))
            throw new ArgumentException($"PooledRelu.Backward: float32 CPU values and gradient of {choice.Count} elements expected (got [{string.Join(", ", gradValues.shape)}], {gradValues.dtype})");
        using var contiguousGrad = gradValues.contiguous();
        using var contiguousValues = values.contiguous();
        int planes = (int)(shape[0] * shape[1]), height = (int)shape[2], width = (int)shape[3], batch = (int)shape[4];
        int outHeight = height / 2, outWidth = width / 2;
        var result = empty(shape, dtype: ScalarType.Float32);
        var g = HostFloats.Of(contiguousGrad);
        var v = HostFloats.Of(contiguousValues);
        var input = HostFloats.Of(result);
        var taken = choice.Taken;
        int o = 0;
        for (int p = 0; p < planes; p++)
        {
            var plane = input.Slice(p * height * width * batch, height * width * batch);
            if (height % 2 == 1) plane.Slice((height - 1) * width * batch, width * batch).Clear();
            for (int oy = 0; oy < outHeight; oy++)
            {
                if (width % 2 == 1)
                {
                    plane.Slice(((2 * oy) * width + width - 1) * batch, batch).Clear();
                    plane.Slice(((2 * oy + 1) * width + width - 1) * batch, batch).Clear();
                }
                for (int ox = 0; ox < outWidth; ox++, o += batch)
                {
                    int topLeft = ((2 * oy) * width + 2 * ox) * batch;
                    int bottomLeft = topLeft + width * batch;
                    Route(g.Slice(o, batch), v.Slice(o, batch), taken.Slice(o, batch), plane.Slice(topLeft, batch),
                        plane.Slice(topLeft + batch, batch), plane.Slice(bottomLeft, batch), plane.Slice(bottomLeft + batch, batch));
                }
            }
        }
        return result;
    }

    /// <summary>One window across the batch: the row-by-row scan (from the first element, as from −∞), then ReLU.</summary>
    static void Window(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, Span<float> output, Span<int> taken)
    {
        int i = 0, lanes = Vector<float>.Count;
        for (; i <= output.Length - lanes; i += lanes)
        {
            var max = new Vector<float>(a.Slice(i));
            var at = Vector<int>.Zero;
            Take(ref max, ref at, new Vector<float>(b.Slice(i)), 1);
            Take(ref max, ref at, new Vector<float>(c.Slice(i)), 2);
            Take(ref max, ref at, new Vector<float>(d.Slice(i)), 3);
            Vector.ConditionalSelect(Vector.LessThan(max, Vector<float>.Zero), Vector<float>.Zero, max).CopyTo(output.Slice(i));
            at.CopyTo(taken.Slice(i));
        }
        for (; i < output.Length; i++)
        {
            float max = a[i];
            int at = 0;
            if (b[i] > max || float.IsNaN(b[i])) (max, at) = (b[i], 1);
            if (c[i] > max || float.IsNaN(c[i])) (max, at) = (c[i], 2);
            if (d[i] > max || float.IsNaN(d[i])) (max, at) = (d[i], 3);
            output[i] = max < 0 ? 0f : max;
            taken[i] = at;
        }
    }

    static void Take(ref Vector<float> max, ref Vector<int> at, Vector<float> next, int position)
    {
        var replace = Vector.BitwiseOr(Vector.GreaterThan(next, max), Vector.OnesComplement(Vector.Equals(next, next)));
        max = Vector.ConditionalSelect(replace, next, max);
        at = Vector.ConditionalSelect(replace, new Vector<int>(position), at);
    }

    /// <summary>One window's gradient across the batch: 0 + (value ≤ 0 ? +0 : g) on the element taken, +0 on the others.</summary>
    static void Route(ReadOnlySpan<float> g, ReadOnlySpan<float> values, ReadOnlySpan<int> taken, Span<float> a, Span<float> b, Span<float> c, Span<float> d)
    {
        int i = 0, lanes = Vector<float>.Count;
        for (; i <= g.Length - lanes; i += lanes)
        {
            var through = Vector<float>.Zero + Vector.ConditionalSelect(Vector.LessThanOrEqual(new Vector<float>(values.Slice(i)), Vector<float>.Zero),
                Vector<float>.Zero, new Vector<float>(g.Slice(i)));
            var at = new Vector<int>(taken.Slice(i));
            Vector.ConditionalSelect(Vector.Equals(at, Vector<int>.Zero), through, Vector<float>.Zero).CopyTo(a.Slice(i));
            Vector.ConditionalSelect(Vector.Equals(at, Vector<int>.One), through, Vector<float>.Zero).CopyTo(b.Slice(i));
            Vector.ConditionalSelect(Vector.Equals(at, new Vector<int>(2)), through, Vector<float>.Zero).CopyTo(c.Slice(i));
            Vector.ConditionalSelect(Vector.Equals(at, new Vector<int>(3)), through, Vector<float>.Zero).CopyTo(d.Slice(i));
        }
        for (; i < g.Length; i++)
        {
            float through = 0f + (values[i] <= 0 ? 0f : g[i]);
            int at = taken[i];
            a[i] = at == 0 ? through : 0f;
            b[i] = at == 1 ? through : 0f;
            c[i] = at == 2 ? through : 0f;
            d[i] = at == 3 ? through : 0f;
        }
    }
}
