using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// SmoothGrad: the mean of ∇_x z_c(x + ε_s) over n draws ε_s ~ N(0, σ²). Preset <c>smoothgrad</c> (default): n = 50,
/// σ = noise_fraction·(max x − min x) of each image, signed gradients (Smilkov et al.). Preset <c>captum_default</c>:
/// Captum's NoiseTunnel defaults around Saliency: n = 5, σ = 1.0 absolute, mean of |g|. Every sample's noise comes from
/// its own stream (seed, "noise", "smoothgrad", row), so results do not depend on how rows are batched.
/// </summary>
public sealed class SmoothGrad(Func<Tensor, Tensor> model, int samples, double noiseFraction, string preset, int seed, int rowsPerPass = 32768)
    : IAttributionMethod
{
    public const string Paper = "smoothgrad", CaptumDefault = "captum_default";

    public static readonly MethodDescriptor Descriptor = new("smoothgrad", "SmoothGrad",
        "mean of signed ∇z_c(x + ε), ε ~ N(0, σ²), n = 50, σ = 15 % of the image's range (preset captum_default: n = 5, σ = 1, mean |g|)",
        static (s, r) => new SmoothGrad(r.Output, (int)s.Int("samples"), s.Double("noise_fraction"), s.Text("preset"), r.Seed))
    {
        Options =
        [
            new MethodOption("samples", 50L, "noisy copies per input", Min: 1, Max: 100_000),
            new MethodOption("noise_fraction", 0.15, "σ as a fraction of each input's value range", Min: 0, Max: 10),
            new MethodOption("preset", Paper, "smoothgrad (the options above, signed) or captum_default (n = 5, σ = 1.0, |g|)", Allowed: [Paper, CaptumDefault]),
        ],
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
    };

    readonly int _samples = preset switch
    {
        Paper => samples,
        CaptumDefault => 5,
        _ => throw new ArgumentException($"unknown SmoothGrad preset '{preset}' (expected {Paper} or {CaptumDefault})"),
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        long n = inputs.shape[0], features = inputs[0].numel();
        var sampleShape = inputs.shape.Skip(1).ToArray();
        return Batching.Chunked(n, Math.Max(1, rowsPerPass / _samples), (start, count) =>
        {
            var x = inputs.narrow(0, start, count);
            using var fraction = noiseFraction.ToScalar();
            var sigma = preset == CaptumDefault
                ? ones(count, device: inputs.device, dtype: inputs.dtype)
                : (x.flatten(1).amax(1) - x.flatten(1).amin(1)).mul_(fraction);
            var noise = tensor(Noise(start, count, features), [_samples, count, .. sampleShape], dtype: inputs.dtype, device: inputs.device);
            var sigmaShape = new long[] { 1, count }.Concat(Enumerable.Repeat(1L, sampleShape.Length)).ToArray();
            var noisy = x.unsqueeze(0).Plus(noise * sigma.view(sigmaShape)).flatten(0, 1);
            var gradients = ClassGradient.Compute(model, noisy, target.narrow(0, start, count).repeat(_samples))
                .view([_samples, count, .. sampleShape]);
            return (preset == CaptumDefault ? gradients.abs() : gradients).mean([0]);
        }).MoveToOuterDisposeScope();
    }

    /// <summary>Standard normal draws laid out [draw, row, feature]; row r's come from its own stream.</summary>
    float[] Noise(long start, long count, long features)
    {
        var values = new float[_samples * count * features];
        for (long row = 0; row < count; row++)
        {
            var random = SeedStream.Open(seed, "noise", "smoothgrad", start + row);
            for (int s = 0; s < _samples; s++)
                for (long j = 0; j < features; j++)
                    values[(s * count + row) * features + j] = (float)Gaussian.Next(random);
        }
        return values;
    }
}
