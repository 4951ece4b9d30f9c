using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>Areas under insertion/deletion curves (SPEC §11.2).</summary>
public static class CurveAuc
{
    /// <summary>
    /// RISE: (Σ_i s_i − s_0/2 − s_n/2) / n over the n + 1 points s_0…s_n, the trapezoid rule on the x-range [0, 1].
    /// A constant curve gives that constant.
    /// </summary>
    public static double Rise(ReadOnlySpan<double> curve)
    {
        if (curve.Length < 2) throw new ArgumentException("a RISE curve needs at least two points", nameof(curve));
        int n = curve.Length - 1;
        double sum = 0;
        foreach (double s in curve) sum += s;
        return (sum - curve[0] / 2 - curve[n] / 2) / n;
    }

    /// <summary>
    /// Quantus <c>PixelFlipping</c>: <c>np.trapz(dx = 1)</c> over the n points taken AFTER each step (the unperturbed point
    /// s_0 is dropped), not normalised: Σ_{i=1}^{n−1} (s_i + s_{i+1}) / 2. One point after the first gives 0.
    /// </summary>
    public static double PixelFlipping(ReadOnlySpan<double> curve)
    {
        if (curve.Length < 2) throw new ArgumentException("a curve needs the unperturbed point and at least one step", nameof(curve));
        double sum = 0;
        for (int i = 1; i < curve.Length - 1; i++) sum += curve[i] + curve[i + 1];
        return sum / 2;
    }

    /// <summary><see cref="Rise(ReadOnlySpan{double})"/> of every row of an N × (n + 1) curve matrix.</summary>
    public static double[] Rise(Tensor curves) => PerRow(curves, Rise);

    /// <summary><see cref="PixelFlipping(ReadOnlySpan{double})"/> of every row of an N × (n + 1) curve matrix.</summary>
    public static double[] PixelFlipping(Tensor curves) => PerRow(curves, PixelFlipping);

    /// <summary>The mean curve over the rows (float64), for figures.</summary>
    public static double[] Mean(Tensor curves)
    {
        var rows = Rows(curves, out int points);
        var mean = new double[points];
        int n = rows.Length / Math.Max(1, points);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < points; j++) mean[j] += rows[i * points + j];
        for (int j = 0; j < points; j++) mean[j] /= n;
        return mean;
    }

    delegate double Area(ReadOnlySpan<double> curve);

    static double[] PerRow(Tensor curves, Area area)
    {
        var values = Rows(curves, out int points);
        var result = new double[values.Length / Math.Max(1, points)];
        for (int i = 0; i < result.Length; i++) result[i] = area(values.AsSpan(i * points, points));
        return result;
    }

    static double[] Rows(Tensor curves, out int points)
    {
        if (curves.dim() != 2) throw new ArgumentException($"expected N × points curves, got {curves.dim()} dimensions", nameof(curves));
        points = (int)curves.shape[1];
        using var host = curves.detach().to(ScalarType.Float64, CPU).contiguous();
        return host.data<double>().ToArray();
    }
}
