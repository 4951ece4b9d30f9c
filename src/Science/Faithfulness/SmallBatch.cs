using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>
/// libtorch's CPU matrix product takes another kernel (another summation order) for a handful of rows: measured on
/// TorchSharp 0.107, a Linear layer over M = 1–3, 5–7 or 9–11 rows gives other bits than the same rows inside a larger
/// batch (from 12 rows on it agrees), and CNN8by8 differs at M = 1. So that the batch size changes nothing, every
/// forward pass here runs at least <see cref="MinimumRows"/> rows: a short chunk is padded with copies of its first row,
/// and the padding rows are dropped from the outputs.
/// </summary>
internal static class SmallBatch
{
    public const int MinimumRows = 16;

    public static Tensor Pad(Tensor x)
    {
        long rows = x.shape[0];
        if (rows >= MinimumRows || rows == 0) return x;
        return cat([x, x.narrow(0, 0, 1).expand([MinimumRows - rows, .. x.shape.Skip(1)])], 0);
    }

    /// <summary>model(x) computed on at least <see cref="MinimumRows"/> rows; the output has x's row count.</summary>
    public static Tensor Forward(Func<Tensor, Tensor> model, Tensor x) => model(Pad(x)).narrow(0, 0, x.shape[0]);
}
