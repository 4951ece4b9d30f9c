using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// A convolution on a small fixed input shape as the dense linear map it is: y = flatten(x) · A + b, with A
/// [in elements, out elements] read off by convolving the standard basis. For CNN8by8's 1–4-channel layers on 8×8 and
/// 4×4 inputs this is about 5× faster on CPU than libtorch's convolution, forward and backward to the input (libtorch's
/// direct kernels are made for many channels); the values agree with <see cref="SmallConvolution"/> to float rounding (about 5e-7). The weights
/// are read once: the map is for differentiating with respect to the input of a trained model, not for training it.
/// </summary>
public static class DenseConvolution
{
    /// <param name="keep">Keep only the first <paramref name="keep"/> rows and columns of the output (all when null): the part a
    /// following 2×2 max-pool reads, when the rest cannot reach the logits.</param>
    public static Func<Tensor, Tensor> Of(Conv2d conv, long channels, long height, long width, long? keep = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var weight = conv.weight!;
        long inputs = channels * height * width;
        var basis = eye(inputs, dtype: weight.dtype, device: weight.device).view(inputs, channels, height, width);
        var response = SmallConvolution.PerImage(basis, weight, conv.bias!);
        if (keep is { } k) response = response.narrow(2, 0, k).narrow(3, 0, k);
        var outputShape = response.shape.Skip(1).ToArray();
        var b = conv.bias!;
        var bias = b.detach().view(b.shape[0], 1, 1).expand(outputShape).reshape(-1).contiguous();
        var map = (response.reshape(inputs, -1) - bias).contiguous();
        map.MoveToOuterDisposeScope();
        bias.MoveToOuterDisposeScope();
        return x => addmm(bias, x.reshape(x.shape[0], inputs), map, 1, 1).view([x.shape[0], .. outputShape]);
    }
}
