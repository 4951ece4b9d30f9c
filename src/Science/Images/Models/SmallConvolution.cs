using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// CNN8by8's 2×2 convolutions (stride 1, zero padding 1) and 2×2 max pooling on channel-major activations
/// [G, C, batch, H, W] (G models side by side; G = 1 for one model). A convolution is one matrix product per model of
/// its weights [C_out, 4·C_in] with the four shifted copies of the padded input [4·C_in, batch·H·W].
/// </summary>
/// <remarks>
/// Not libtorch's conv2d: on this project's CPU (AMD EPYC, AVX-512) conv2d's backward pass to the input was measured wrong
/// for these layers with batches of two or more (the gradient of Σ conv(x) lacked a kernel tap; a batch of one was right),
/// and which kernel libtorch picks depends on the machine. Products, pads, shifts and pooling have no such choice, and
/// per-model products keep a model's numbers independent of the others in its stack.
/// </remarks>
public static class SmallConvolution
{
    /// <param name="h">[G, C_in, batch, H, W].</param>
    /// <param name="weight">[G, C_out, C_in, 2, 2].</param>
    /// <param name="bias">[G, C_out].</param>
    /// <returns>[G, C_out, batch, H + 1, W + 1].</returns>
    public static Tensor Apply(Tensor h, Tensor weight, Tensor bias)
    {
        long g = h.shape[0], cin = h.shape[1], batch = h.shape[2], height = h.shape[3] + 1, width = h.shape[4] + 1, cout = weight.shape[1];
        var padded = nn.functional.pad(h, [1, 1, 1, 1]);
        var shifts = new Tensor[4];
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++)
                shifts[2 * dy + dx] = padded.narrow(3, dy, height).narrow(4, dx, width);
        // [G, C_in, 4, batch, H, W]: rows in the order (c_in, dy, dx) of a Conv2d weight flattened to [C_out, 4·C_in].
        var columns = stack(shifts, 2).view(g, cin * 4, batch * height * width);
        // TorchSharp's binding reads a.baddbmm(b, c) as c + a·b: the bias plus the product, in one pass.
        return weight.reshape(g, cout, cin * 4).baddbmm(columns, bias.reshape(g, cout, 1)).view(g, cout, batch, height, width);
    }

    /// <summary>2×2 max pooling with stride 2 (floor): [G, C, batch, H, W] → [G, C, batch, H/2, W/2].</summary>
    public static Tensor Pool(Tensor h)
    {
        long g = h.shape[0], c = h.shape[1], batch = h.shape[2];
        return nn.functional.max_pool2d(h.reshape(g * c, batch, h.shape[3], h.shape[4]), 2, 2).view(g, c, batch, h.shape[3] / 2, h.shape[4] / 2);
    }

    /// <summary><see cref="Apply"/> for one model on batch-major activations: x [batch, C_in, H, W] → [batch, C_out, H + 1, W + 1].</summary>
    public static Tensor ApplyBatchMajor(Tensor x, Tensor weight, Tensor bias) =>
        Apply(x.transpose(0, 1).unsqueeze(0), weight.unsqueeze(0), bias.unsqueeze(0))[0].transpose(0, 1);
}
