namespace Agop.Statistics.Localisation;

/// <summary>The per-sample localisation scores the image track reports (SPEC §10.5).</summary>
/// <param name="IoU">|B ∩ G| / |B ∪ G| under the chosen binarisation.</param>
/// <param name="Precision">XT's precision: top-|G| among non-zero pixels, divided by |G|.</param>
/// <param name="Emd">XT's EMD score, 1 − EMD / √(2·P) (√128 on 8×8).</param>
/// <param name="Emd98">The same with the grid diagonal, 1 − EMD / √((h − 1)² + (w − 1)²) (√98 on 8×8).</param>
/// <param name="RelevanceMass">Σ_G a / Σ a on the raw, signed attribution (NaN when Σ a = 0).</param>
/// <param name="RankAccuracy">|top-|G| by |a| ∩ G| / |G|.</param>
public sealed record LocalisationScores(double IoU, double Precision, double Emd, double Emd98, double RelevanceMass, double RankAccuracy);

/// <summary>
/// Localisation metrics of an attribution a (P = height·width pixels, row-major, signed raw values) against a
/// ground-truth mask G (bytes 0/1, at least one 1). Top-k sets use |a| with ties to the lower flat index
/// (<see cref="TopK.ByMagnitude"/>). Every metric throws <see cref="ArgumentException"/> on a non-finite attribution,
/// a length mismatch, a mask byte other than 0/1, or an empty mask.
/// </summary>
public static class LocalisationMetrics
{
    private const int StackLimit = 1024;

    /// <summary>|B ∩ G| / |B ∪ G| with B from <paramref name="binarisation"/> (top-|G| by default). An empty B gives 0.</summary>
    public static double IoU(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask, Binarisation binarisation)
    {
        ArgumentNullException.ThrowIfNull(binarisation);
        int g = Check(a, mask);
        if (binarisation.Kind == BinarisationKind.TopKGroundTruth)
        {
            Span<int> top = g <= StackLimit ? stackalloc int[g] : new int[g];
            TopK.Fill(a, top);
            int hits = Hits(top, mask);
            return (double)hits / (2 * g - hits);
        }
        return FractionOfMaxIoU(a, mask, g, binarisation.Tau);
    }

    /// <summary>
    /// XT's precision: k = |G|, B_k = the k largest |a| among the pixels with a ≠ 0 (all of them if fewer than k are
    /// non-zero), precision = |B_k ∩ G| / k. An all-zero map scores 0.
    /// </summary>
    public static double Precision(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask)
    {
        int g = Check(a, mask);
        // Taking min(k, #non-zero) pixels by |a| can only pick non-zero pixels: any a ≠ 0 outranks every zero.
        int take = Math.Min(g, NonZero(a));
        Span<int> top = take <= StackLimit ? stackalloc int[take] : new int[take];
        TopK.Fill(a, top);
        return (double)Hits(top, mask) / g;
    }

    /// <summary>Relevance mass accuracy (Quantus defaults: no abs; its max-normalisation cancels): Σ_{j∈G} a_j / Σ_j a_j; NaN when Σ a = 0.</summary>
    public static double RelevanceMass(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask)
    {
        Check(a, mask);
        double inside = 0, total = 0;
        for (int j = 0; j < a.Length; j++)
        {
            total += a[j];
            if (mask[j] != 0) inside += a[j];
        }
        return total == 0 ? double.NaN : inside / total;
    }

    /// <summary>Relevance rank accuracy: |top-|G| by |a| ∩ G| / |G| (zeros included, ties to the lower index).</summary>
    public static double RankAccuracy(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask)
    {
        int g = Check(a, mask);
        Span<int> top = g <= StackLimit ? stackalloc int[g] : new int[g];
        TopK.Fill(a, top);
        return (double)Hits(top, mask) / g;
    }

    /// <summary>
    /// XT's continuous EMD between Ĝ = G / ΣG and Â = |a| / Σ|a| on the pixel grid (ground cost: Euclidean distance
    /// between (row, col) pixel centres, solved exactly by <see cref="EarthMoverDistance.Solve"/>).
    /// Score128 = 1 − EMD / √(P + P), as XT's code divides by √(n_dim + n_dim) with n_dim = P (√128 on 8×8, SPEC §13 #13);
    /// Score98 = 1 − EMD / √((h − 1)² + (w − 1)²), the grid diagonal that XT's comment names (√98 on 8×8; 1 on a 1×1
    /// grid, where the distance is necessarily 0). Distance = EMD itself, in pixels.
    /// </summary>
    public static (double Score128, double Score98, double Distance) Emd(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask, int height, int width)
    {
        int g = Check(a, mask);
        int pixels = CheckGrid(a.Length, height, width);
        Span<double> truth = pixels <= StackLimit ? stackalloc double[pixels] : new double[pixels];
        Span<double> attribution = pixels <= StackLimit ? stackalloc double[pixels] : new double[pixels];

        double absSum = 0;
        for (int j = 0; j < pixels; j++) absSum += Math.Abs(a[j]);
        for (int j = 0; j < pixels; j++)
        {
            truth[j] = mask[j] != 0 ? 1.0 / g : 0;
            // An all-zero attribution carries no information about where the mass is: we then compare G with the
            // uniform distribution over all pixels (a choice; XT would divide by zero here).
            attribution[j] = absSum > 0 ? Math.Abs(a[j]) / absSum : 1.0 / pixels;
        }

        double distance = EarthMoverDistance.Solve(truth, attribution, height, width);
        double diagonal = Math.Sqrt((double)(height - 1) * (height - 1) + (double)(width - 1) * (width - 1));
        double score128 = 1 - distance / Math.Sqrt(2.0 * pixels);
        double score98 = diagonal > 0 ? 1 - distance / diagonal : 1;
        return (score128, score98, distance);
    }

    /// <summary>Every score for one sample (what the pipeline calls per sample).</summary>
    public static LocalisationScores Score(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask, int height, int width, Binarisation binarisation)
    {
        ArgumentNullException.ThrowIfNull(binarisation);
        int g = Check(a, mask);
        CheckGrid(a.Length, height, width);

        Span<int> top = g <= StackLimit ? stackalloc int[g] : new int[g];
        TopK.Fill(a, top);
        int hits = Hits(top, mask);
        double rank = (double)hits / g;
        double iou = binarisation.Kind == BinarisationKind.TopKGroundTruth
            ? (double)hits / (2 * g - hits)
            : FractionOfMaxIoU(a, mask, g, binarisation.Tau);
        double precision = NonZero(a) >= g ? rank : Precision(a, mask);
        var emd = Emd(a, mask, height, width);
        return new LocalisationScores(iou, precision, emd.Score128, emd.Score98, RelevanceMass(a, mask), rank);
    }

    private static double FractionOfMaxIoU(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask, int g, double tau)
    {
        float max = 0;
        for (int j = 0; j < a.Length; j++) max = Math.Max(max, Math.Abs(a[j]));
        if (max == 0) return 0; // B is empty: IoU = 0 / |G|
        double threshold = tau * max;
        int selected = 0, hits = 0;
        for (int j = 0; j < a.Length; j++)
        {
            if (Math.Abs(a[j]) < threshold) continue;
            selected++;
            if (mask[j] != 0) hits++;
        }
        return (double)hits / (selected + g - hits);
    }

    private static int Hits(ReadOnlySpan<int> indices, ReadOnlySpan<byte> mask)
    {
        int hits = 0;
        foreach (int j in indices)
            if (mask[j] != 0) hits++;
        return hits;
    }

    private static int NonZero(ReadOnlySpan<float> a)
    {
        int count = 0;
        foreach (float v in a)
            if (v != 0) count++;
        return count;
    }

    /// <summary>Validates a and the mask; returns |G|.</summary>
    private static int Check(ReadOnlySpan<float> a, ReadOnlySpan<byte> mask)
    {
        if (a.Length != mask.Length)
            throw new ArgumentException($"The attribution has {a.Length} pixels, the mask {mask.Length}.", nameof(mask));
        for (int j = 0; j < a.Length; j++)
            if (!float.IsFinite(a[j])) throw new ArgumentException($"The attribution holds {a[j]} at index {j}.", nameof(a));
        int g = 0;
        for (int j = 0; j < mask.Length; j++)
        {
            if (mask[j] > 1) throw new ArgumentException($"mask[{j}] = {mask[j]}: the mask must hold 0/1.", nameof(mask));
            g += mask[j];
        }
        if (g == 0) throw new ArgumentException("The ground-truth mask is empty.", nameof(mask));
        return g;
    }

    private static int CheckGrid(int length, int height, int width)
    {
        if (height <= 0 || width <= 0 || (long)height * width != length)
            throw new ArgumentException($"A {height}x{width} grid does not match {length} pixels.", nameof(height));
        return length;
    }
}
