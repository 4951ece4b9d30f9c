using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// CNN8by8's 2×2 convolutions (stride 1, zero padding 1): for training, G models side by side on activations laid out
/// [G, C, H, W, batch], one matrix product per model of its weights [C_out, 4·C_in] with the four shifted copies of its
/// padded input [4·C_in, H·W·batch], and 2×2 max pooling in that layout; for one trained model, <see cref="PerImage"/>.
/// </summary>
/// <remarks>
/// Not libtorch's conv2d: on this project's CPU (AMD EPYC, AVX-512) conv2d's backward pass to the input was measured wrong
/// for these layers with batches of two or more (the gradient of Σ conv(x) lacked a kernel tap; a batch of one was right),
/// and which kernel libtorch picks depends on the machine. Products, pads, shifts and pooling have no such choice, and
/// per-model products keep a model's numbers independent of the others in its stack (and <see cref="PerImage"/>'s
/// per-image products an image's independent of its batch). The batch is innermost so that
/// pooling runs as libtorch's channels-last max pooling, vectorised over the batch (the planar kernel took 4× longer
/// than the whole convolution on these 9×9 planes).
/// </remarks>
public static class SmallConvolution
{
    /// <param name="h">[G, C_in, H, W, batch].</param>
    /// <param name="weight">[G, C_out, C_in, 2, 2].</param>
    /// <param name="bias">[G, C_out].</param>
    /// <returns>[G, C_out, H + 1, W + 1, batch].</returns>
    public static Tensor Apply(Tensor h, Tensor weight, Tensor bias)
    {
        long g = h.shape[0], cin = h.shape[1], height = h.shape[2] + 1, width = h.shape[3] + 1, batch = h.shape[4], cout = weight.shape[1];
        var padded = nn.functional.pad(h, [0, 0, 1, 1, 1, 1]);
        var shifts = new Tensor[4];
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++)
                shifts[2 * dy + dx] = padded.narrow(2, dy, height).narrow(3, dx, width);
        // [G, C_in, 4, H, W, batch]: rows in the order (c_in, dy, dx) of a Conv2d weight flattened to [C_out, 4·C_in].
        var columns = stack(shifts, 2).view(g, cin * 4, height * width * batch);
        // TorchSharp's binding reads a.baddbmm(b, c) as c + a·b: the bias plus the product, in one pass.
        return weight.reshape(g, cout, cin * 4).baddbmm(columns, bias.reshape(g, cout, 1)).view(g, cout, height, width, batch);
    }

    /// <summary>2×2 max pooling with stride 2 (floor): [G, C, H, W, batch] → [G, C, H/2, W/2, batch].</summary>
    public static Tensor Pool(Tensor h)
    {
        long g = h.shape[0], c = h.shape[1], height = h.shape[2], width = h.shape[3], batch = h.shape[4];
        // As [N, batch, H, W] with channels-last strides: the batch plays the channels.
        var planes = h.reshape(g * c, height, width, batch).permute(0, 3, 1, 2);
        var pooled = nn.functional.max_pool2d(planes, 2, 2);
        return pooled.permute(0, 2, 3, 1).reshape(g, c, height / 2, width / 2, batch);
    }

    /// <summary>
    /// One model's convolution on batch-major activations, x [batch, C_in, H, W] → [batch, C_out, H + 1, W + 1], as one product
    /// per image: an image's numbers do not depend on how many others share its batch (a product over the whole batch
    /// would let the BLAS kernel treat an image by its position in it).
    /// </summary>
    /// <param name="weight">A Conv2d weight [C_out, C_in, 2, 2].</param>
    /// <param name="bias">[C_out].</param>
    public static Tensor PerImage(Tensor x, Tensor weight, Tensor bias)
    {
        long batch = x.shape[0], cin = x.shape[1], height = x.shape[2] + 1, width = x.shape[3] + 1, cout = weight.shape[0];
        var padded = nn.functional.pad(x, [1, 1, 1, 1]);
        var shifts = new Tensor[4];
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++)
                shifts[2 * dy + dx] = padded.narrow(2, dy, height).narrow(3, dx, width);
        var columns = stack(shifts, 2).view(batch, cin * 4, height * width);
        var perImage = weight.reshape(1, cout, cin * 4).expand(batch, cout, cin * 4);
        return perImage.baddbmm(columns, bias.reshape(1, cout, 1)).view(batch, cout, height, width);
    }
}
