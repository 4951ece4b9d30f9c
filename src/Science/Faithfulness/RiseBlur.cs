using Agop.Science.Images.Data;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>
/// RISE's insertion start (SPEC §11.2): an 11×11 blur (<c>klen = 11</c>, <c>ksig = 5</c>) whose kernel is scipy
/// <c>gaussian_filter</c> (reflect mode) of an 11×11 delta, i.e. k kᵀ with k the filtered 1-D delta, applied per channel
/// as a grouped <c>conv2d</c> with ZERO padding 5 (so borders darken, as in RISE).
/// </summary>
public static class RiseBlur
{
    public const int KernelLength = 11;
    public const double KernelSigma = 5.0;

    /// <summary>The per-axis kernel: scipy gaussian_filter (reflect) of a <paramref name="length"/>-long delta at its centre.</summary>
    public static double[] Kernel1D(int length = KernelLength, double sigma = KernelSigma)
    {
        if (length < 1 || length % 2 == 0) throw new ArgumentOutOfRangeException(nameof(length), "the kernel length must be odd and positive");
        var delta = new double[length];
        delta[length / 2] = 1.0;
        return new GaussianFilter(length, sigma).Apply(delta);
    }

    /// <summary>The 2-D kernel k kᵀ, row-major <paramref name="length"/>×<paramref name="length"/>.</summary>
    public static double[] Kernel2D(int length = KernelLength, double sigma = KernelSigma)
    {
        var k = Kernel1D(length, sigma);
        var kernel = new double[length * length];
        for (int i = 0; i < length; i++)
            for (int j = 0; j < length; j++) kernel[i * length + j] = k[i] * k[j];
        return kernel;
    }

    /// <summary>Blurs N×C×H×W images channel by channel (the output has the input's shape, dtype and device).</summary>
    public static Tensor Apply(Tensor images, int length = KernelLength, double sigma = KernelSigma)
    {
        if (images.dim() != 4) throw new ArgumentException($"RISE blur expects N×C×H×W images, got {images.dim()} dimensions", nameof(images));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long channels = images.shape[1];
        var weight = tensor(Kernel2D(length, sigma), dtype: ScalarType.Float64)
            .view(1, 1, length, length).to(images.dtype, images.device).expand(channels, 1, length, length).contiguous();
        long pad = length / 2;
        return nn.functional.conv2d(images, weight, padding: [pad, pad], groups: channels).MoveToOuterDisposeScope();
    }
}
