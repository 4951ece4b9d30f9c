using System.Numerics;

namespace Agop.Science.Images.Data;

/// <summary>
/// scipy.ndimage <c>gaussian_filter</c> for signals of one length: separable, kernel w_k = exp(−k²/2σ²)/Σ over
/// k = −r..r with r = int(4σ + 0.5), boundary mode <c>reflect</c> (half-sample symmetric, period 2n, so a kernel
/// wider than the signal wraps round as often as needed). The taps are folded once into an n×n weight table.
/// </summary>
public sealed class GaussianFilter
{
    // spread[m·n + i]: how much input m contributes to output i (reflected copies summed), stored by input so
    // that both passes add whole contiguous rows.
    readonly double[] spread;

    public GaussianFilter(int length, double sigma)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), "length must be positive");
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), "sigma must be positive");
        Length = length;
        Sigma = sigma;
        spread = new double[length * length];
        var kernel = Kernel(sigma);
        int radius = Radius(sigma);
        for (int i = 0; i < length; i++)
            for (int k = -radius; k <= radius; k++)
                spread[Reflect(i + k, length) * length + i] += kernel[k + radius];
    }

    public int Length { get; }
    public double Sigma { get; }

    /// <summary>scipy's radius for <c>truncate = 4.0</c>.</summary>
    public static int Radius(double sigma) => (int)(4.0 * sigma + 0.5);

    /// <summary>The normalised 1-D kernel, index k + radius.</summary>
    public static double[] Kernel(double sigma)
    {
        int radius = Radius(sigma);
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.Exp(-0.5 / (sigma * sigma) * k * k);
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return kernel;
    }

    /// <summary>scipy's <c>reflect</c>: d c b a | a b c d | d c b a, periodic with period 2n.</summary>
    public static int Reflect(int index, int length)
    {
        int period = 2 * length;
        int r = ((index % period) + period) % period;
        return r < length ? r : period - 1 - r;
    }

    public double[] Apply(ReadOnlySpan<double> signal)
    {
        if (signal.Length != Length) throw new ArgumentException($"signal has {signal.Length} values, the filter {Length}", nameof(signal));
        var output = new double[Length];
        for (int m = 0; m < Length; m++)
            if (signal[m] != 0.0) AddScaled(output, spread.AsSpan(m * Length, Length), signal[m]);
        return output;
    }

    /// <summary>Filters a Length×Length row-major image in place: along axis 0 (down the columns), then along axis 1, like scipy.</summary>
    /// <param name="scratch">Length×Length work space, overwritten.</param>
    public void Apply2D(Span<double> image, Span<double> scratch)
    {
        int n = Length;
        if (image.Length != n * n || scratch.Length != n * n) throw new ArgumentException($"image and scratch must hold {n}×{n} values");

        // Axis 0: each input row m adds to every output row i it reaches (all-zero rows, common in patterns, cost nothing).
        scratch.Clear();
        for (int m = 0; m < n; m++)
        {
            var row = image.Slice(m * n, n);
            if (!row.ContainsAnyExcept(0.0)) continue;
            var column = spread.AsSpan(m * n, n);
            for (int i = 0; i < n; i++)
                if (column[i] != 0.0) AddScaled(scratch.Slice(i * n, n), row, column[i]);
        }

        // Axis 1: within each row, each input column m adds its spread to the output row.
        image.Clear();
        for (int r = 0; r < n; r++)
        {
            var source = scratch.Slice(r * n, n);
            var target = image.Slice(r * n, n);
            for (int m = 0; m < n; m++)
                if (source[m] != 0.0) AddScaled(target, spread.AsSpan(m * n, n), source[m]);
        }
    }

    /// <summary>target += factor · source.</summary>
    static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double factor)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var f = new Vector<double>(factor);
            for (; i <= target.Length - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(target[i..]) + f * new Vector<double>(source[i..])).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++) target[i] += factor * source[i];
    }
}
