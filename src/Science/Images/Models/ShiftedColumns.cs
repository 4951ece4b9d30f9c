using System.Numerics;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// The columns of <see cref="SmallConvolution.Apply"/> (a 2×2 convolution, stride 1, zero padding 1) and their gradient,
/// by hand on CPU memory and without autograd, for contiguous float32 activations [G, C, H, W, batch]. Forward: the four
/// shifted copies (dy, dx) = (0, 0), (0, 1), (1, 0), (1, 1) of the zero-padded input, [G, C, 4, H + 1, W + 1, batch], one
/// write of each element instead of libtorch's pad and stack. Backward: ∂L/∂h from ∂L/∂columns, each input element the
/// sum of its four copies' gradients. Through libtorch's ops autograd builds that sum from four zero-filled, padded-size
/// gradients (one per shift, filled, copied and added) and then crops it, most of a training step's memory traffic.
/// </summary>
/// <remarks>
/// The sum is taken in the order autograd accumulates it: its engine runs the later-created shift's slice first, so the
/// padded gradient is ((g₁₁ + g₁₀) + g₀₁) + g₀₀ (every cropped element is covered by all four shifts). IEEE addition
/// is commutative, so that order fixes the bits; <c>ShiftedColumnsTests</c> checks them against autograd through pad and stack.
/// </remarks>
public static class ShiftedColumns
{
    /// <summary>Whether <paramref name="h"/> is a contiguous float32 CPU [G, C, H, W, batch] small enough to index with an int.</summary>
    public static bool Applies(Tensor h) =>
        h.dim() == 5 && HostFloats.Holds(h) && h.is_contiguous() && h.numel() > 0
        && 4 * (h.shape[2] + 1) * (h.shape[3] + 1) * h.shape[4] * h.shape[0] * h.shape[1] <= int.MaxValue / sizeof(float);

    /// <summary>The columns [G, C, 4, H + 1, W + 1, batch] of <paramref name="h"/>, which must satisfy <see cref="Applies"/>.</summary>
    public static Tensor Forward(Tensor h)
    {
        if (!Applies(h)) throw new ArgumentException($"ShiftedColumns needs a contiguous float32 CPU [G, C, H, W, batch] (got [{string.Join(", ", h.shape)}], {h.dtype}, {h.device})");
        int planes = (int)(h.shape[0] * h.shape[1]), height = (int)h.shape[2], width = (int)h.shape[3], batch = (int)h.shape[4];
        var columns = empty([h.shape[0], h.shape[1], 4, height + 1, width + 1, batch], dtype: ScalarType.Float32);
        var input = HostFloats.Of(h);
        var output = HostFloats.Of(columns);
        int inPlane = height * width * batch;
        int o = 0;
        for (int p = 0; p < planes; p++)
        {
            var plane = input.Slice(p * inPlane, inPlane);
            for (int shift = 0; shift < 4; shift++)
            {
                int dy = shift >> 1, dx = shift & 1;
                for (int i = 0; i <= height; i++)
                {
                    int row = i + dy - 1;
                    if (row < 0 || row >= height)
                    {
                        output.Slice(o, (width + 1) * batch).Clear();
                        o += (width + 1) * batch;
                        continue;
                    }
                    for (int j = 0; j <= width; j++, o += batch)
                    {
                        int column = j + dx - 1;
                        if (column < 0 || column >= width) output.Slice(o, batch).Clear();
                        else plane.Slice((row * width + column) * batch, batch).CopyTo(output.Slice(o, batch));
                    }
                }
            }
        }
        return columns;
    }

    /// <summary>∂L/∂h [G, C, H, W, batch] from ∂L/∂columns (any shape holding [G, C, 4, H + 1, W + 1, batch] in that order).</summary>
    /// <param name="inputShape">The shape of the h the columns were made from.</param>
    public static Tensor Backward(Tensor gradColumns, long[] inputShape)
    {
        if (inputShape.Length != 5) throw new ArgumentException("ShiftedColumns.Backward: the input shape is [G, C, H, W, batch]", nameof(inputShape));
        int planes = (int)(inputShape[0] * inputShape[1]), height = (int)inputShape[2], width = (int)inputShape[3], batch = (int)inputShape[4];
        int shiftPlane = (height + 1) * (width + 1) * batch;
        if (gradColumns.numel() != (long)planes * 4 * shiftPlane || !HostFloats.Holds(gradColumns))
            throw new ArgumentException($"ShiftedColumns.Backward: a float32 CPU gradient of {(long)planes * 4 * shiftPlane} elements expected (got [{string.Join(", ", gradColumns.shape)}], {gradColumns.dtype})");
        using var contiguousGrad = gradColumns.contiguous();
        var result = empty(inputShape, dtype: ScalarType.Float32);
        var g = HostFloats.Of(contiguousGrad);
        var h = HostFloats.Of(result);
        int rowStride = (width + 1) * batch;
        for (int p = 0; p < planes; p++)
        {
            var shifts = g.Slice(p * 4 * shiftPlane, 4 * shiftPlane);
            var g00 = shifts.Slice(0, shiftPlane);
            var g01 = shifts.Slice(shiftPlane, shiftPlane);
            var g10 = shifts.Slice(2 * shiftPlane, shiftPlane);
            var g11 = shifts.Slice(3 * shiftPlane, shiftPlane);
            var plane = h.Slice(p * height * width * batch, height * width * batch);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    // The element at padded (y + 1, x + 1) is copy (y + 1 − dy, x + 1 − dx) of shift (dy, dx).
                    int at00 = (y + 1) * rowStride + (x + 1) * batch;
                    int at01 = at00 - batch, at10 = at00 - rowStride, at11 = at10 - batch;
                    Sum(g11.Slice(at11, batch), g10.Slice(at10, batch), g01.Slice(at01, batch), g00.Slice(at00, batch),
                        plane.Slice((y * width + x) * batch, batch));
                }
        }
        return result;
    }

    /// <summary>sum = ((a + b) + c) + d, element by element (vector and scalar lanes do the same IEEE additions).</summary>
    static void Sum(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, Span<float> sum)
    {
        int i = 0;
        int width = Vector<float>.Count;
        for (; i <= sum.Length - width; i += width)
            (((new Vector<float>(a.Slice(i)) + new Vector<float>(b.Slice(i))) + new Vector<float>(c.Slice(i))) + new Vector<float>(d.Slice(i))).CopyTo(sum.Slice(i));
        for (; i < sum.Length; i++) sum[i] = ((a[i] + b[i]) + c[i]) + d[i];
    }
}
