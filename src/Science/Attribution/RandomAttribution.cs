using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>XAI-TRIS's random baseline: U(−1, 1) per element, sample r drawn from its own stream (seed, "rand", r).</summary>
public sealed class RandomAttribution(int seed) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("random", "Random", "U(−1, 1) per pixel (the chance baseline)",
        static (_, r) => new RandomAttribution(r.Seed))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        long n = inputs.shape[0], features = inputs[0].numel();
        var values = new float[n * features];
        for (long row = 0; row < n; row++)
        {
            var random = SeedStream.Open(seed, "rand", row);
            for (long j = 0; j < features; j++) values[row * features + j] = (float)(random.NextDouble() * 2 - 1);
        }
        return tensor(values, inputs.shape, dtype: inputs.dtype, device: inputs.device);
    }
}
