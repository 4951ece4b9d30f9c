namespace Agop.Statistics.Localisation;

/// <summary>Top-k selection by magnitude with a deterministic tie rule (SPEC §10.5).</summary>
public static class TopK
{
    /// <summary>
    /// The <paramref name="k"/> indices with the largest |a|, in rank order (largest first). Ties are broken by the
    /// lower flat index, so a constant map gives 0, 1, …, k − 1. NaN anywhere throws <see cref="ArgumentException"/>.
    /// </summary>
    public static int[] ByMagnitude(ReadOnlySpan<float> a, int k)
    {
        var result = new int[CheckK(a.Length, k)];
        Fill(a, result);
        return result;
    }

    internal static int CheckK(int length, int k)
    {
        if (k < 0 || k > length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must lie in [0, {length}].");
        return k;
    }

    /// <summary>Writes the top-|destination| indices by |a| into <paramref name="destination"/> (no allocation).</summary>
    internal static void Fill(ReadOnlySpan<float> a, Span<int> destination)
    {
        int k = destination.Length;
        int count = 0;
        for (int i = 0; i < a.Length; i++)
        {
            float v = a[i];
            if (float.IsNaN(v)) throw new ArgumentException($"The attribution holds NaN at index {i}.", nameof(a));
            if (k == 0) continue;
            float m = Math.Abs(v);
            // Scanning in index order, an equal magnitude never displaces an earlier index: a newcomer enters only
            // when strictly larger than the current k-th, and it goes after every kept entry it does not exceed.
            if (count == k && m <= Math.Abs(a[destination[k - 1]])) continue;
            int position = count < k ? count : k - 1;
            while (position > 0 && Math.Abs(a[destination[position - 1]]) < m)
            {
                destination[position] = destination[position - 1];
                position--;
            }
            destination[position] = i;
            if (count < k) count++;
        }
    }
}
