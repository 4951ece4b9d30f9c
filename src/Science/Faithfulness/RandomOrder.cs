using Agop.Science.Data;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>
/// The random-order floor (SPEC §11.2): an attribution whose descending order is a uniformly random permutation,
/// sample r drawn from its own stream (seed, "faith-random", r), so a sample's order does not depend on the batch.
/// The values are d, d − 1, …, 1 placed by a Fisher–Yates shuffle: no ties, signed and absolute ranks agree.
/// </summary>
public static class RandomOrder
{
    public const string StreamName = "faith-random";

    /// <summary>A random-order attribution shaped like <paramref name="like"/> (N×…), for samples first, first + 1, ….</summary>
    public static Tensor Attribution(int seed, Tensor like, long firstSampleIndex = 0) =>
        Attribution(seed, like, Enumerable.Range(0, (int)like.shape[0]).Select(i => firstSampleIndex + i).ToArray());

    /// <summary>A random-order attribution shaped like <paramref name="like"/> (N×…), row i for the sample with index <c>sampleIndices[i]</c>.</summary>
    public static Tensor Attribution(int seed, Tensor like, IReadOnlyList<long> sampleIndices)
    {
        long n = like.shape[0];
        if (sampleIndices.Count != n) throw new ArgumentException($"{sampleIndices.Count} sample indices for {n} rows", nameof(sampleIndices));
        int d = (int)(like.numel() / Math.Max(1, n));
        var values = new float[n * d];
        for (int i = 0; i < n; i++) Permutation(seed, sampleIndices[i], values.AsSpan(i * d, d));
        var dtype = like.is_floating_point() ? like.dtype : ScalarType.Float32;
        using var host = tensor(values, like.shape);
        return host.to(dtype, like.device);
    }

    /// <summary>Fills <paramref name="row"/> with d, d − 1, …, 1 in a random order from stream (seed, "faith-random", index).</summary>
    static void Permutation(int seed, long sampleIndex, Span<float> row)
    {
        var random = SeedStream.Open(seed, StreamName, sampleIndex);
        int d = row.Length;
        var order = new int[d];
        for (int j = 0; j < d; j++) order[j] = j;
        for (int j = d - 1; j > 0; j--)
        {
            int swap = random.Next(j + 1);
            (order[j], order[swap]) = (order[swap], order[j]);
        }
        // order[p] is the feature placed p-th
        for (int p = 0; p < d; p++) row[order[p]] = d - p;
    }
}
