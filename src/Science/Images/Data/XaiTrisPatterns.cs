using Agop.Science.Data;

namespace Agop.Science.Images.Data;

/// <summary>
/// The signal patterns P (N×S×S, before mixing step 1) and their ground-truth masks. Samples [0, N/2) are class 0
/// (T), the rest class 1 (L). RIGID draws, per sample in order, the rotation k, then the row, then the column from
/// the stream (seed, "rigid"); at 64×64 each placed pattern image is then smoothed with σ = 1.5 (SPEC: "patterns then
/// gaussian_filter"; we read it as smoothing the whole S×S pattern image after placement, with scipy's reflect edge).
/// </summary>
public static class XaiTrisPatterns
{
    public static long Label(int sample, int samples) => sample < samples / 2 ? 0 : 1;

    public static double[] Build(string scenario, int samples, int size, int seed)
    {
        int pixels = size * size;
        var patterns = new double[samples * pixels];
        if (scenario == XaiTrisCatalog.Rigid)
        {
            BuildRigid(patterns, samples, size, seed);
            return patterns;
        }
        if (!XaiTrisCatalog.Scenarios.Contains(scenario))
            throw new ArgumentException($"unknown XAI-TRIS scenario '{scenario}'; known: {string.Join(", ", XaiTrisCatalog.Scenarios)}");

        var (t, l) = FixedClassPatterns(size);
        for (int i = 0; i < samples; i++)
        {
            var target = patterns.AsSpan(i * pixels, pixels);
            if (scenario == XaiTrisCatalog.Xor)
            {
                var (signT, signL) = XorSigns(i, samples);
                for (int p = 0; p < pixels; p++) target[p] = signT * t[p] + signL * l[p];
            }
            else
            {
                (Label(i, samples) == 0 ? t : l).CopyTo(target);
            }
        }
        return patterns;
    }

    /// <summary>XOR signs (s_T, s_L) by quarter: (+,+), (−,−), (+,−), (−,+); the first two quarters are class 0.</summary>
    public static (double T, double L) XorSigns(int sample, int samples) => (sample / (samples / 4)) switch
    {
        0 => (1, 1),
        1 => (-1, -1),
        2 => (1, -1),
        _ => (-1, 1),
    };

    /// <summary>The T image (class 0) and the L image (class 1) at their fixed positions, smoothed where the size asks for it.</summary>
    public static (double[] T, double[] L) FixedClassPatterns(int size)
    {
        var (tAt, lAt) = XaiTrisCatalog.Positions(size);
        int scale = XaiTrisCatalog.PatternScale(XaiTrisCatalog.Linear, size);
        var t = new double[size * size];
        var l = new double[size * size];
        Stamp(t, size, Tetromino.T, scale, tAt.Row, tAt.Col);
        Stamp(l, size, Tetromino.L, scale, lAt.Row, lAt.Col);
        var smoother = Smoother(size);
        if (smoother is not null)
        {
            var scratch = new double[size * size];
            smoother.Apply2D(t, scratch);
            smoother.Apply2D(l, scratch);
        }
        return (t, l);
    }

    /// <summary>Binary masks (N×S×S, 0/1) from patterns: |P| &gt; 0 at 8×8, |P| ≥ 0.05 at 64×64.</summary>
    public static byte[] Masks(double[] patterns, int size)
    {
        var masks = new byte[patterns.Length];
        for (int p = 0; p < patterns.Length; p++) masks[p] = XaiTrisCatalog.IsSignal(patterns[p], size) ? (byte)1 : (byte)0;
        return masks;
    }

    static void BuildRigid(double[] patterns, int samples, int size, int seed)
    {
        int pixels = size * size;
        int scale = XaiTrisCatalog.PatternScale(XaiTrisCatalog.Rigid, size);
        var random = SeedStream.Open(seed, "rigid");
        var smoother = Smoother(size);
        var scratch = new double[pixels];
        var rotations = new Tetromino[2][];
        for (int label = 0; label < 2; label++)
        {
            rotations[label] = new Tetromino[4];
            for (int k = 0; k < 4; k++) rotations[label][k] = Tetromino.ForClass(label).Rotate(k);
        }
        for (int i = 0; i < samples; i++)
        {
            var shape = rotations[Label(i, samples)][random.Next(4)];
            int row = random.Next(size - shape.Height * scale + 1);
            int col = random.Next(size - shape.Width * scale + 1);
            var target = patterns.AsSpan(i * pixels, pixels);
            Stamp(target, size, shape, scale, row, col);
            smoother?.Apply2D(target, scratch);
        }
    }

    static GaussianFilter? Smoother(int size)
    {
        double sigma = XaiTrisCatalog.PatternSigma(size);
        return sigma > 0 ? new GaussianFilter(size, sigma) : null;
    }

    /// <summary>Writes the shape, each cell Kronecker-scaled to a scale×scale block of ones, with its top-left at (row, col).</summary>
    static void Stamp(Span<double> image, int size, Tetromino shape, int scale, int row, int col)
    {
        for (int r = 0; r < shape.Height * scale; r++)
            for (int c = 0; c < shape.Width * scale; c++)
                if (shape[r / scale, c / scale]) image[(row + r) * size + col + c] = 1.0;
    }
}
