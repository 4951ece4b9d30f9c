using Agop.Science.Images.Data;

namespace Agop.Tests.Science.Images.Data;

public class XaiTrisGeneratorTests
{
    static readonly (int Row, int Col)[] TPixels = [(1, 1), (2, 1), (2, 2), (3, 1)];
    static readonly (int Row, int Col)[] LPixels = [(4, 5), (5, 5), (6, 5), (6, 6)];

    static ImageDataset Generate(string scenario, string background = "white", int samples = 10_000, int seed = 0, bool fp16 = true, double? alpha = null) =>
        XaiTrisGenerator.Generate(new XaiTrisSpec(scenario, background, alpha ?? XaiTrisCatalog.DefaultAlpha(scenario, background), samples, seed, fp16));

    static byte[] MaskOf(IEnumerable<(int Row, int Col)> pixels, int size = 8)
    {
        var mask = new byte[size * size];
        foreach (var (r, c) in pixels) mask[r * size + c] = 1;
        return mask;
    }

    static IEnumerable<ImageSplit> Parts(ImageDataset d) => [d.Train, d.Val, d.Test];

    [Fact]
    public void Classes_are_balanced_and_the_split_is_8000_1000_1000_stratified()
    {
        var d = Generate("linear");

        Assert.Equal((8000, 1000, 1000), (d.Train.Count, d.Val.Count, d.Test.Count));
        Assert.Equal(4000, d.Train.Y.Count(y => y == 0));
        Assert.Equal(4000, d.Train.Y.Count(y => y == 1));
        Assert.Equal(500, d.Val.Y.Count(y => y == 0));
        Assert.Equal(500, d.Test.Y.Count(y => y == 0));
        Assert.All(Parts(d), p => Assert.Equal(p.Count * 64, p.X.Length));
    }

    [Fact]
    public void The_split_indices_are_disjoint_cover_all_samples_and_scale_to_2000_samples()
    {
        var (train, val, test) = XaiTrisSplit.Indices(seed: 3, samples: 2000, size: 8);

        Assert.Equal((1600, 200, 200), (train.Length, val.Length, test.Length));
        Assert.Equal(Enumerable.Range(0, 2000), train.Concat(val).Concat(test).Order());
        Assert.Equal(100, test.Count(i => i < 1000));
        Assert.True(train.SequenceEqual(train.Order()), "each part keeps ascending sample order");
        Assert.NotEqual(train, XaiTrisSplit.Indices(seed: 4, samples: 2000, size: 8).Train);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("multiplicative")]
    public void Fixed_position_masks_are_the_own_tetromino_and_the_combined_mask_is_the_8_pattern_pixels(string scenario)
    {
        var d = Generate(scenario, samples: 2000);

        var t = MaskOf(TPixels);
        var l = MaskOf(LPixels);
        foreach (var part in Parts(d))
            for (int i = 0; i < part.Count; i++)
                Assert.Equal(part.Y[i] == 0 ? t : l, part.Masks.AsSpan(i * 64, 64).ToArray());
        Assert.Equal(MaskOf(TPixels.Concat(LPixels)), d.CombinedMask);
        Assert.True(d.UsesCombinedMask);
        for (int p = 0; p < 64; p++) Assert.Equal(t[p] + l[p] == 1 ? 0.5f : 0f, d.GroundTruthFrequency[p]);
    }

    [Fact]
    public void Xor_patterns_carry_the_four_sign_blocks_and_every_mask_is_the_combined_one()
    {
        const int n = 400;
        var patterns = XaiTrisPatterns.Build("xor", n, 8, seed: 0);

        (double, double)[] blocks = [(1, 1), (-1, -1), (1, -1), (-1, 1)];
        for (int i = 0; i < n; i++)
        {
            var (signT, signL) = blocks[i / (n / 4)];
            foreach (var (r, c) in TPixels) Assert.Equal(signT, patterns[i * 64 + r * 8 + c]);
            foreach (var (r, c) in LPixels) Assert.Equal(signL, patterns[i * 64 + r * 8 + c]);
            Assert.Equal(8, patterns.AsSpan(i * 64, 64).ToArray().Count(v => v != 0));
            Assert.Equal(signT == signL ? 0 : 1, XaiTrisPatterns.Label(i, n));
        }

        var d = Generate("xor", samples: n);
        var combined = MaskOf(TPixels.Concat(LPixels));
        Assert.Equal(combined, d.CombinedMask);
        Assert.All(Parts(d), p => { for (int i = 0; i < p.Count; i++) Assert.Equal(combined, p.Masks.AsSpan(i * 64, 64).ToArray()); });
    }

    [Fact]
    public void Rigid_patterns_always_fit_and_each_is_a_rotation_of_its_class_shape()
    {
        const int n = 10_000;
        var patterns = XaiTrisPatterns.Build("translations_rotations", n, 8, seed: 1);

        var placements = new HashSet<(long Label, int Rotation, int Row, int Col)>();
        for (int i = 0; i < n; i++)
        {
            var cells = new List<(int Row, int Col)>();
            for (int p = 0; p < 64; p++)
                if (patterns[i * 64 + p] != 0)
                {
                    Assert.Equal(1.0, patterns[i * 64 + p]);
                    cells.Add((p / 8, p % 8));
                }
            Assert.Equal(4, cells.Count);
            int top = cells.Min(c => c.Row), left = cells.Min(c => c.Col);
            int height = cells.Max(c => c.Row) - top + 1, width = cells.Max(c => c.Col) - left + 1;
            var box = new int[height][];
            for (int r = 0; r < height; r++) box[r] = new int[width];
            foreach (var (r, c) in cells) box[r - top][c - left] = 1;
            long label = XaiTrisPatterns.Label(i, n);
            int rotation = Enumerable.Range(0, 4).Single(k => Tetromino.ForClass(label).Rotate(k).ToRows().SelectMany(x => x).SequenceEqual(box.SelectMany(x => x))
                && Tetromino.ForClass(label).Rotate(k).Height == height);
            placements.Add((label, rotation, top, left));
        }
        // Every rotation and every position where it fits shows up: 2 classes × (2 shapes 3×2 with 6×7 places + 2 shapes 2×3 with 7×6).
        Assert.Equal(2 * 4 * 42, placements.Count);

        var d = Generate("translations_rotations", samples: 2000);
        Assert.False(d.UsesCombinedMask);
        Assert.All(Parts(d), p => { for (int i = 0; i < p.Count; i++) Assert.Equal(4, p.Masks.AsSpan(i * 64, 64).ToArray().Sum(b => b)); });
    }

    [Fact]
    public void Max_abs_is_exactly_one_before_and_after_the_fp16_round_trip()
    {
        var plain = Generate("multiplicative", "correlated", samples: 2000, fp16: false);
        var half = Generate("multiplicative", "correlated", samples: 2000, fp16: true);

        Assert.Equal(1f, Parts(plain).Max(p => p.X.Max(Math.Abs)));
        Assert.Equal(1f, Parts(half).Max(p => p.X.Max(Math.Abs)));
        Assert.All(Parts(half), p => Assert.All(p.X, v => Assert.Equal(v, (float)(Half)v)));
        Assert.Contains(Parts(plain).SelectMany(p => p.X), v => v != (float)(Half)v);
        Assert.True(plain.Scale > 0 && plain.PatternNorm > 0 && plain.BackgroundNorm > 0);
        Assert.Equal(plain.Scale, half.Scale);
    }

    [Fact]
    public void Mixing_follows_the_spec_steps()
    {
        double[] p = [0, 1, 0, 1];
        double[] b = [1, -2, 2, 0];

        var additive = XaiTrisMixer.Mix(p, (double[])b.Clone(), "linear", 0.5, fp16RoundTrip: false);
        var multiplicative = XaiTrisMixer.Mix(p, (double[])b.Clone(), "multiplicative", 0.5, fp16RoundTrip: false);

        // ‖P‖ = √2, ‖B‖ = 3; X = 0.5·P/√2 + 0.5·B/3, then divided by max|X|.
        double[] x = [1 / 6.0, 0.5 / Math.Sqrt(2) - 1 / 3.0, 1 / 3.0, 0.5 / Math.Sqrt(2)];
        double max = x.Max(Math.Abs);
        Assert.Equal(Math.Sqrt(2), additive.PatternNorm, 1e-12);
        Assert.Equal(3.0, additive.BackgroundNorm, 1e-12);
        Assert.Equal(max, additive.Scale, 1e-12);
        for (int i = 0; i < 4; i++) Assert.Equal(x[i] / max, additive.X[i], 1e-6);

        // Multiplicative: P ← 1 − 0.5·P = [1, .5, 1, .5], ‖P‖ = √2.5; X = P̃ ⊙ B̃.
        double[] m = [1 / Math.Sqrt(2.5) / 3, -0.5 / Math.Sqrt(2.5) * 2 / 3, 2 / Math.Sqrt(2.5) / 3, 0];
        double mMax = m.Max(Math.Abs);
        Assert.Equal(Math.Sqrt(2.5), multiplicative.PatternNorm, 1e-12);
        for (int i = 0; i < 4; i++) Assert.Equal(m[i] / mMax, multiplicative.X[i], 1e-6);
    }

    [Fact]
    public void One_background_per_seed_is_shared_by_every_scenario_and_correlated_smooths_it()
    {
        var white = XaiTrisBackgrounds.White(seed: 2, samples: 40, size: 8);
        var correlated = XaiTrisBackgrounds.Build("correlated", seed: 2, samples: 40, size: 8);
        Assert.Equal(white, XaiTrisBackgrounds.Build("white", seed: 2, samples: 40, size: 8));
        var filter = new GaussianFilter(8, 3.0);
        var smoothed = (double[])white.Clone();
        for (int i = 0; i < 40; i++) filter.Apply2D(smoothed.AsSpan(i * 64, 64), new double[64]);
        Assert.Equal(smoothed, correlated);

        // With a negligible signal X is B̃ / max|B̃|, whatever the scenario: the generator draws the same B for all.
        float[] NearlyPureNoise(string scenario) =>
            Generate(scenario, samples: 400, seed: 2, fp16: false, alpha: 1e-9).Test.X;
        var linear = NearlyPureNoise("linear");
        var xor = NearlyPureNoise("xor");
        var rigid = NearlyPureNoise("translations_rotations");
        for (int k = 0; k < linear.Length; k++)
        {
            Assert.Equal(linear[k], xor[k], 1e-6);
            Assert.Equal(linear[k], rigid[k], 1e-6);
        }
    }

    [Fact]
    public void The_same_spec_gives_identical_arrays_and_another_seed_differs()
    {
        var a = Generate("translations_rotations", "correlated", samples: 2000, seed: 5);
        var b = Generate("translations_rotations", "correlated", samples: 2000, seed: 5);
        var c = Generate("translations_rotations", "correlated", samples: 2000, seed: 6);

        foreach (var (x, y) in Parts(a).Zip(Parts(b)))
        {
            Assert.Equal(x.X, y.X);
            Assert.Equal(x.Y, y.Y);
            Assert.Equal(x.Masks, y.Masks);
        }
        Assert.Equal(a.GroundTruthFrequency, b.GroundTruthFrequency);
        Assert.NotEqual(a.Train.X, c.Train.X);
        Assert.NotEqual(a.Train.Masks, c.Train.Masks);
    }

    [Theory]
    [InlineData("circle", "white", 0.5, 100, 8, "scenario 'circle'")]
    [InlineData("linear", "pink", 0.5, 100, 8, "background 'pink'")]
    [InlineData("linear", "white", 0.0, 100, 8, "alpha must lie in (0, 1]")]
    [InlineData("linear", "white", 1.5, 100, 8, "alpha must lie in (0, 1]")]
    [InlineData("linear", "white", double.NaN, 100, 8, "alpha must lie in (0, 1]")]
    [InlineData("linear", "white", 0.5, 100, 16, "image size must be 8 or 64, got 16")]
    [InlineData("linear", "white", 0.5, 36, 8, "at least 40 samples")]
    [InlineData("xor", "white", 0.5, 42, 8, "multiple of 4")]
    public void Bad_specs_throw_with_a_clear_message(string scenario, string background, double alpha, int samples, int size, string message)
    {
        var spec = new XaiTrisSpec(scenario, background, alpha, samples, 0, Size: size);

        var error = Assert.Throws<ArgumentException>(() => XaiTrisGenerator.Generate(spec));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_alpha_tables_are_the_spec_ones()
    {
        Assert.Equal(0.18, XaiTrisCatalog.DefaultAlpha("linear", "white"));
        Assert.Equal(0.0125, XaiTrisCatalog.DefaultAlpha("linear", "correlated"));
        Assert.Equal(0.7, XaiTrisCatalog.DefaultAlpha("multiplicative", "white"));
        Assert.Equal(0.1, XaiTrisCatalog.DefaultAlpha("multiplicative", "correlated"));
        Assert.Equal(0.65, XaiTrisCatalog.DefaultAlpha("translations_rotations", "white"));
        Assert.Equal(0.2, XaiTrisCatalog.DefaultAlpha("translations_rotations", "correlated"));
        Assert.Equal(0.35, XaiTrisCatalog.DefaultAlpha("xor", "white"));
        Assert.Equal(0.15, XaiTrisCatalog.DefaultAlpha("xor", "correlated"));
        Assert.Equal(0.575, XaiTrisCatalog.DefaultAlpha("translations_rotations", "white", 64));
        Assert.Equal(0.03, XaiTrisCatalog.DefaultAlpha("xor", "correlated", 64));
        Assert.Throws<ArgumentException>(() => XaiTrisCatalog.DefaultAlpha("linear", "white", 16));
    }

    [Fact]
    public void The_64_pixel_variant_scales_smooths_and_binarises_the_patterns_and_splits_90_5_5()
    {
        var d = XaiTrisGenerator.Generate(XaiTrisSpec.Default("linear", "correlated", seed: 0, size: 64) with { Samples = 40 });

        Assert.Equal((36, 2, 2), (d.Train.Count, d.Val.Count, d.Test.Count));
        Assert.Equal(36 * 64 * 64, d.Train.X.Length);
        var (t, _) = XaiTrisPatterns.FixedClassPatterns(64);
        var mask = d.Train.Masks.AsSpan(0, 4096).ToArray();
        Assert.Equal(0, d.Train.Y[0]);
        // T scaled ×8 at (8, 8): rows 8..31, column block 8..15 everywhere, 16..23 in the middle block.
        Assert.Equal(1, mask[20 * 64 + 12]);
        Assert.Equal(1, mask[20 * 64 + 20]);
        Assert.Equal(0, mask[10 * 64 + 20]);
        Assert.Equal(0, mask[0]);
        for (int p = 0; p < 4096; p++) Assert.Equal(Math.Abs(t[p]) >= 0.05 ? 1 : 0, mask[p]);
        Assert.True(t.Max() < 1.0 && t.Max() > 0.99, "interior stays ≈ 1 after smoothing with σ = 1.5");

        Assert.Equal(RigidByHand(40, 64, scale: 4, seed: 0), XaiTrisPatterns.Build("translations_rotations", 40, 64, seed: 0));
    }

    [Fact]
    public void Rigid_draws_rotation_then_row_then_column_per_sample_from_the_rigid_stream()
    {
        Assert.Equal(RigidByHand(400, 8, scale: 1, seed: 9), XaiTrisPatterns.Build("translations_rotations", 400, 8, seed: 9));
    }

    /// <summary>The RIGID patterns rebuilt from the rule: stream (seed, "rigid"), per sample k, r, c; ×scale blocks; σ = 1.5 at 64.</summary>
    static double[] RigidByHand(int n, int size, int scale, int seed)
    {
        var random = global::Agop.Science.Data.SeedStream.Open(seed, "rigid");
        var patterns = new double[n * size * size];
        for (int i = 0; i < n; i++)
        {
            var shape = Tetromino.ForClass(i < n / 2 ? 0 : 1).Rotate(random.Next(4));
            int top = random.Next(size - shape.Height * scale + 1);
            int left = random.Next(size - shape.Width * scale + 1);
            for (int r = 0; r < shape.Height * scale; r++)
                for (int c = 0; c < shape.Width * scale; c++)
                    if (shape[r / scale, c / scale]) patterns[i * size * size + (top + r) * size + left + c] = 1;
            if (size == 64) new GaussianFilter(64, 1.5).Apply2D(patterns.AsSpan(i * 4096, 4096), new double[4096]);
        }
        return patterns;
    }
}
