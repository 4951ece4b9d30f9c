using Agop.Science.Attribution.Catalog;
using Agop.Science.Data;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// The chance baseline: U(−1, 1) per element (a pixel, or a feature of a table row), sample r drawn from its own stream
/// (seed, "rand", r). On images it is XAI-TRIS's random baseline; in ROAR it ranks the features in an order that is random
/// and fixed by the seed.
/// </summary>
public sealed class RandomAttribution(int seed) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("random", "Random", "U(−1, 1) per pixel or feature (the chance baseline)",
        static (_, r) => new RandomAttribution(r.Seed))
    {
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image | Modalities.Tabular,
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
