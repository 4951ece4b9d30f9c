using Agop.Tests.Support;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Fei;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Fei;

/// <summary>FEI (SPEC §11.4, §11.7): the objective improves, the layer-wise backward, the clip, determinism, batching.</summary>
public class FeiOptimizerTests
{
    /// <summary>A small tabular case: Mlp 6 → [16, 16] → 3, 8 samples, insertion start and deletion substrate 0.</summary>
    sealed record Case(ISegmentedModel Model, Tensor X, Tensor Target, Tensor Start, Tensor Substrate);

    static Case Tabular(int seed = 3, long n = 8)
    {
        var model = new Mlp(6, [16, 16], 3, seed);
        using var scale = 1.5.ToScalar();
        var x = randn(n, 6, generator: new TorchSharp.torch.Generator((ulong)seed + 100)).mul(scale);
        return new Case(model, x, ClassGradient.Predict(model.forward, x), zeros(6), zeros(1));
    }

    /// <summary>An 8×8 image case on CNN8by8: 8 images, insertion start = a per-image constant (the image mean), substrate 0.</summary>
    static Case Image(int seed = 5, long n = 8)
    {
        var model = new Cnn8by8(seed);
        var x = randn(n, 1, 8, 8, generator: new TorchSharp.torch.Generator((ulong)seed + 100));
        var start = x.mean([1, 2, 3], keepdim: true).expand(x.shape).contiguous();
        return new Case(model, x, ClassGradient.Predict(model.forward, x), start, zeros(1));
    }

    static FeiSettings Small(int steps = 20) => new(Steps: steps, Quantiles: 9);

    static Tensor Run(Case c, FeiSettings settings, int seed = 11, int rowsPerPass = 256, long firstIndex = 0) =>
        new FeiOptimizer(c.Model, settings, seed, rowsPerPass).Attribute(c.X, c.Target, c.Start, c.Substrate, firstIndex);

    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public void Objective_improves_over_fifty_steps_on_a_small_mlp_and_on_cnn8by8()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        foreach (var c in new[] { Tabular(), Image() })
        {
            var settings = new FeiSettings(Steps: 50);
            var fei = new FeiOptimizer(c.Model, settings, seed: 11, rowsPerPass: 256);
            long n = c.X.shape[0], d = c.X[0].numel();
            var initial = fei.Objective(fei.InitialTheta(0, n, d, restart: 0).sigmoid(), c.X, c.Target, c.Start, c.Substrate);
            var a = fei.Attribute(c.X, c.Target, c.Start, c.Substrate);
            var final = fei.Objective(a, c.X, c.Target, c.Start, c.Substrate);
            double before = initial.mean().item<float>(), after = final.mean().item<float>();
            long improved = final.gt(initial).sum().item<long>();
            Assert.True(after > before + 0.02, $"{c.Model.GetType().Name}: mean J {before:F4} → {after:F4}");
            Assert.True(improved >= n - 1, $"{c.Model.GetType().Name}: J improved on {improved} of {n} samples");
        }
    }

    /// <summary>CNN8by8 seen through its full <see cref="Cnn8by8.Segments"/> only (every hidden unit, none left out).</summary>
    sealed class FullSegments(Cnn8by8 model) : ISegmentedModel
    {
        public IReadOnlyList<Func<Tensor, Tensor>> Segments => model.Segments;
        public IReadOnlyList<string> HiddenNames => model.HiddenNames;
    }

    /// <summary>CNN8by8's gradient segments with autograd through every max-pool (no hand-differentiated first steps).</summary>
    sealed class AutogradPooling(Cnn8by8 model) : ISegmentedModel
    {
        public IReadOnlyList<Func<Tensor, Tensor>> Segments => model.Segments;
        public IReadOnlyList<Func<Tensor, Tensor>> GradientSegments => model.GradientSegments;
        public IReadOnlyList<string> HiddenNames => model.HiddenNames;
    }

    [Theory]
    [InlineData(8, 30)]
    [InlineData(256, 3)]
    public void On_cnn8by8_fei_with_the_hand_differentiated_max_pool_is_bit_identical_to_autograd_through_max_pool2d(int n, int steps)
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var c = Image(seed: 11, n: n);
        var cnn = (Cnn8by8)c.Model;
        Assert.Contains(cnn.SplitGradientSegments, s => s.First is not null);
        foreach (var clip in new[] { FeiClip.OneSided, FeiClip.Zero, FeiClip.None })
        {
            var settings = new FeiSettings(Steps: steps, Clip: clip);
            var byHand = Run(c, settings);
            var byAutograd = Run(c with { Model = new AutogradPooling(cnn) }, settings);
            Assert.True(Same(byHand, byAutograd), $"{clip}: max |Δ| = {(byHand - byAutograd).abs().max().item<float>()}");
        }
    }

    [Theory]
    [InlineData(8, 40)]
    [InlineData(256, 4)]
    public void On_cnn8by8_fei_through_the_gradient_segments_is_bit_identical_to_fei_through_every_hidden_unit(int n, int steps)
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var c = Image(seed: 9, n: n);
        var cnn = (Cnn8by8)c.Model;
        Assert.NotEqual(cnn.Segments[0](c.X).shape, cnn.GradientSegments[0](c.X).shape);
        foreach (var clip in new[] { FeiClip.OneSided, FeiClip.None })
        {
            var settings = new FeiSettings(Steps: steps, Clip: clip);
            var cropped = Run(c, settings);
            var full = Run(c with { Model = new FullSegments(cnn) }, settings);
            Assert.True(Same(cropped, full), $"{clip}: max |Δ| = {(cropped - full).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void The_fused_clip_gives_the_bits_of_libtorchs_masked_fill_with_ties_signed_zeros_and_nan()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var generator = new TorchSharp.torch.Generator(17);
        const long rows = 5, copies = 3, units = 37; // 37: a vector loop and a scalar remainder
        var original = randn(rows, 1, units, generator: generator).relu();
        var hidden = randn(rows * copies, units, generator: generator).relu();
        // ties (h(x̃) = h(x)), both zeros, and γ of +0, −0 and NaN on over-active units
        hidden.view(rows, copies, units).narrow(2, 0, 6).copy_(original.narrow(2, 0, 6).expand(rows, copies, 6));
        var gamma = randn(rows * copies, units, generator: generator);
        using (var big = 10.0.ToScalar()) hidden.narrow(1, 10, 4).fill_(big);
        using (var plusZero = 0.0.ToScalar()) gamma.narrow(1, 10, 1).fill_(plusZero);
        using (var minusZero = (-0.0).ToScalar()) gamma.narrow(1, 11, 1).fill_(minusZero);
        using (var nan = double.NaN.ToScalar()) gamma.narrow(1, 12, 1).fill_(nan);
        using var zero = 0.0.ToScalar();
        var over = hidden.view(rows, copies, units).gt(original).view(rows * copies, units);
        Assert.True(over.sum().item<long>() > 20 && over.logical_not().sum().item<long>() > 20);
        foreach (var clip in new[] { FeiClip.OneSided, FeiClip.Zero })
        {
            var expected = gamma.clone();
            if (clip == FeiClip.OneSided) expected.masked_fill_(expected.lt(zero).logical_and_(over), zero);
            else expected.masked_fill_(over, zero);
            var fused = gamma.clone();
            Assert.True(OverActiveClip.TryApply(fused, hidden, original, clip));
            // bit for bit: compare the raw bytes (−0 ≠ +0, NaN = NaN)
            Assert.Equal(expected.bytes.ToArray(), fused.bytes.ToArray());
            Assert.False(Same(fused, gamma));
        }
        var untouched = gamma.clone();
        Assert.False(OverActiveClip.TryApply(untouched.t(), hidden.t(), original, FeiClip.OneSided));
        Assert.False(OverActiveClip.TryApply(untouched.to(ScalarType.Float64), hidden.to(ScalarType.Float64), original.to(ScalarType.Float64), FeiClip.OneSided));
        Assert.Equal(gamma.bytes.ToArray(), untouched.bytes.ToArray());
    }

    [Theory]
    [InlineData(FeiClip.OneSided)]
    [InlineData(FeiClip.Zero)]
    public void Fei_with_the_fused_clip_is_bit_identical_to_fei_with_libtorchs_clip(FeiClip clip)
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        foreach (var c in new[] { Tabular(n: 40), Image(n: 40) })
        {
            var settings = Small(steps: 30) with { Clip = clip };
            var fused = new FeiOptimizer(c.Model, settings, seed: 2, rowsPerPass: 16).Attribute(c.X, c.Target, c.Start, c.Substrate);
            var reference = new FeiOptimizer(c.Model, settings, seed: 2, rowsPerPass: 16, fusedClip: false).Attribute(c.X, c.Target, c.Start, c.Substrate);
            Assert.Equal(reference.bytes.ToArray(), fused.bytes.ToArray());
            var unclipped = new FeiOptimizer(c.Model, settings with { Clip = FeiClip.None }, seed: 2, rowsPerPass: 16).Attribute(c.X, c.Target, c.Start, c.Substrate);
            Assert.False(Same(fused, unclipped), $"{c.Model.GetType().Name}: the clip changed nothing, so this test shows nothing");
        }
    }

    [Fact]
    public void With_clip_none_the_layer_wise_backward_equals_one_shot_autograd()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        foreach (var c in new[] { Tabular(), Image() })
        {
            var fei = new FeiOptimizer(c.Model, new FeiSettings(Clip: FeiClip.None), seed: 1, rowsPerPass: 256);
            long n = c.X.shape[0], d = c.X[0].numel();
            var theta = randn(n, d, generator: new TorchSharp.torch.Generator(7));
            var layerWise = fei.Gradient(theta, c.X, c.Target, c.Start, c.Substrate, FeiBackward.LayerWise);
            var oneShot = fei.Gradient(theta, c.X, c.Target, c.Start, c.Substrate, FeiBackward.OneShot);
            double difference = (layerWise.Gradient - oneShot.Gradient).abs().max().item<float>();
            double size = oneShot.Gradient.abs().max().item<float>();
            Assert.True(size > 1e-4, $"{c.Model.GetType().Name}: the gradient is vacuous ({size})");
            Assert.True(difference < 1e-6, $"{c.Model.GetType().Name}: max |layer-wise − one-shot| = {difference}");
            Assert.True(Same(layerWise.Objective, oneShot.Objective));
            Assert.Equal(c.Model.HiddenNames.Count, layerWise.Gammas.Count);
        }
    }

    [Fact]
    public void One_sided_clip_leaves_no_negative_gamma_on_an_over_active_unit_and_zero_clip_none()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        using var zeroScalar = 0.ToScalar();
        using var two = 2.ToScalar();
        foreach (var c in new[] { Tabular(), Image() })
        {
            long n = c.X.shape[0], d = c.X[0].numel();
            var theta = randn(n, d, generator: new TorchSharp.torch.Generator(9)).mul(two);
            FeiStep Step(FeiClip clip) =>
                new FeiOptimizer(c.Model, new FeiSettings(Clip: clip), seed: 1).Gradient(theta, c.X, c.Target, c.Start, c.Substrate);
            var none = Step(FeiClip.None);
            var oneSided = Step(FeiClip.OneSided);
            var zero = Step(FeiClip.Zero);
            string name = c.Model.GetType().Name;

            // Not vacuous: without the clip some over-active unit gets a negative γ (a step would push it further up).
            long unclipped = none.Gammas.Zip(none.OverActive).Sum(p => p.First.lt(zeroScalar).logical_and(p.Second).sum().item<long>());
            Assert.True(unclipped > 0, $"{name}: no over-active unit with a negative γ to clip");

            for (int layer = 0; layer < oneSided.Gammas.Count; layer++)
            {
                var (gamma, over) = (oneSided.Gammas[layer], oneSided.OverActive[layer]);
                Assert.Equal(0, gamma.lt(zeroScalar).logical_and(over).sum().item<long>());
                Assert.Equal(0, zero.Gammas[layer].ne(zeroScalar).logical_and(zero.OverActive[layer]).sum().item<long>());
                // The over-active masks are properties of the forward pass, the same for every clip.
                Assert.True(Same(over, none.OverActive[layer]) && Same(over, zero.OverActive[layer]));
            }
            // The deepest layer's γ is the same before the clip; there, one-sided = max(γ, 0) on over-active units.
            int deepest = none.Gammas.Count - 1;
            var expected = where(none.OverActive[deepest], none.Gammas[deepest].clamp_min(zeroScalar), none.Gammas[deepest]);
            Assert.True(Same(expected, oneSided.Gammas[deepest]), $"{name}: one-sided clip at the deepest layer");
            Assert.False(Same(oneSided.Gradient, none.Gradient), $"{name}: the clip changed nothing");
            Assert.True(Same(oneSided.Objective, none.Objective));
        }
    }

    [Fact]
    public void One_step_is_an_adam_step_on_the_layer_wise_gradient_from_the_seeded_start()
    {
        using var threads = TorchThreads.Pin(1);
        // Adam's first step is θ₁ = θ₀ − lr·g/(|g| + ε) (bias-corrected moments g and g²).
        using var scope = NewDisposeScope();
        var c = Tabular();
        var settings = new FeiSettings(Steps: 1, Quantiles: 9);
        var fei = new FeiOptimizer(c.Model, settings, seed: 4);
        var theta = fei.InitialTheta(0, 8, 6, restart: 0);
        var g = fei.Gradient(theta, c.X, c.Target, c.Start, c.Substrate).Gradient;
        using var epsilon = 1e-8.ToScalar();
        using var rate = settings.LearningRate.ToScalar();
        var expected = (theta - (g / g.abs().Plus(epsilon)).mul(rate)).sigmoid();
        var a = fei.Attribute(c.X, c.Target, c.Start, c.Substrate);
        Assert.True((a - expected).abs().max().item<float>() < 1e-6);
        Assert.True(theta.std().item<float>() is > 0.05f and < 0.2f, "θ₀ ~ N(0, 0.1²)");
    }

    [Fact]
    public void Same_settings_and_seed_give_identical_attributions_and_another_seed_does_not()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var c = Image();
        var a = Run(c, Small(), seed: 11);
        var b = Run(Image(), Small(), seed: 11);
        Assert.True(Same(a, b));
        Assert.False(Same(a, Run(c, Small(), seed: 12)));
    }

    [Fact]
    public void Rows_per_pass_and_splitting_by_first_index_change_nothing()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        foreach (var c in new[] { Tabular(n: 10), Image(n: 10) })
        {
            var whole = Run(c, Small(), rowsPerPass: 256);
            Assert.True(Same(whole, Run(c, Small(), rowsPerPass: 3)), $"{c.Model.GetType().Name}: rowsPerPass 3 vs 256");
            var head = new Case(c.Model, c.X.narrow(0, 0, 4), c.Target.narrow(0, 0, 4), c.Start.dim() == 1 ? c.Start : c.Start.narrow(0, 0, 4), c.Substrate);
            var tail = new Case(c.Model, c.X.narrow(0, 4, 6), c.Target.narrow(0, 4, 6), c.Start.dim() == 1 ? c.Start : c.Start.narrow(0, 4, 6), c.Substrate);
            var split = cat([Run(head, Small()), Run(tail, Small(), firstIndex: 4)], 0);
            Assert.True(Same(whole, split), $"{c.Model.GetType().Name}: split calls with firstIndex");
        }
    }

    [Fact]
    public void Attributions_lie_in_the_open_unit_interval_and_are_shaped_like_x()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        foreach (var c in new[] { Tabular(), Image() })
        {
            var a = Run(c, Small() with { Restarts = 2 });
            Assert.Equal(c.X.shape, a.shape);
            using var zero = 0.ToScalar();
            using var one = 1.ToScalar();
            Assert.True(a.gt(zero).all().item<bool>() && a.lt(one).all().item<bool>());
            Assert.True(a.isfinite().all().item<bool>());
        }
    }

    [Fact]
    public void The_four_variants_give_four_different_attributions()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        var c = Image();
        var results = FeiSettings.Variants.Select(v => Run(c, Small().AsVariant(v))).ToArray();
        for (int i = 0; i < results.Length; i++)
            for (int j = i + 1; j < results.Length; j++)
                Assert.False(Same(results[i], results[j]), $"{FeiSettings.Variants[i]} = {FeiSettings.Variants[j]}");
    }

    [Fact]
    public void Variants_map_to_their_clip_and_objective_and_bad_settings_are_refused()
    {
        using var threads = TorchThreads.Pin(1);
        var s = new FeiSettings();
        Assert.Equal((FeiClip.OneSided, FeiObjective.Both), (s.AsVariant("FEI").Clip, s.AsVariant("FEI").Objective));
        Assert.Equal((FeiClip.None, FeiObjective.Both), (s.AsVariant("fei-ext").Clip, s.AsVariant("fei-ext").Objective));
        Assert.Equal((FeiClip.OneSided, FeiObjective.InsertionOnly), (s.AsVariant("FEI-ins").Clip, s.AsVariant("FEI-ins").Objective));
        Assert.Equal((FeiClip.OneSided, FeiObjective.DeletionOnly), (s.AsVariant("FEI-del").Clip, s.AsVariant("FEI-del").Objective));
        Assert.Throws<ArgumentException>(() => s.AsVariant("FEI-x"));
        Assert.Equal(19, s.Levels().Length);
        Assert.Equal(0.05, s.Levels()[0], 12);
        Assert.Equal(0.5, s.Levels()[9], 12);
        Assert.Equal(0.95, s.Levels()[18], 12);
        var model = new Mlp(3, [4], 2, seed: 1);
        Assert.Throws<ArgumentException>(() => new FeiOptimizer(model, s with { Temperature = 0 }, 1));
        Assert.Throws<ArgumentException>(() => new FeiOptimizer(model, s with { Quantiles = 0 }, 1));
        Assert.Throws<ArgumentException>(() => new FeiOptimizer(model, s with { Restarts = 0 }, 1));
        Assert.Throws<ArgumentException>(() => new FeiOptimizer(model, s, 1, rowsPerPass: 0));
    }

    [Fact]
    public void Thresholds_are_the_linearly_interpolated_upper_quantiles_of_each_row()
    {
        using var threads = TorchThreads.Pin(1);
        using var scope = NewDisposeScope();
        // Row 0 = 0.0, 0.1, …, 0.4 (d = 5): the (1 − q) quantile sits at position (1 − q)·4 of the sorted row.
        var mask = tensor(new float[] { 0.4f, 0.0f, 0.2f, 0.1f, 0.3f, 0.5f, 0.5f, 0.9f, 0.1f, 0.7f }, [2, 5]);
        var tau = FeiOptimizer.Thresholds(mask, [0.05, 0.5, 0.95]);
        Assert.Equal([2L, 3L], tau.shape);
        var row0 = tau[0].data<float>().ToArray();
        Assert.Equal(0.38, row0[0], 5);
        Assert.Equal(0.2, row0[1], 5);
        Assert.Equal(0.02, row0[2], 5);
        // Row 1 sorted = 0.1, 0.5, 0.5, 0.7, 0.9: q = 0.5 → the median 0.5; q = 0.05 → 0.7 + 0.8·0.2 = 0.86.
        var row1 = tau[1].data<float>().ToArray();
        Assert.Equal(0.86, row1[0], 5);
        Assert.Equal(0.5, row1[1], 5);
        Assert.Equal(0.1 + 0.2 * 0.4, row1[2], 5);
    }

    [Fact]
    public void Insertion_and_deletion_copies_follow_the_soft_mask_formula()
    {
        using var threads = TorchThreads.Pin(1);
        // With one quantile level and a steep temperature, the soft mask is ~hard: the top half by m is inserted/deleted.
        using var scope = NewDisposeScope();
        var model = new Mlp(4, [3], 2, seed: 1);
        var x = tensor(new float[] { 1, 2, 3, 4 }, [1, 4]);
        var target = tensor(new long[] { 0 });
        var fei = new FeiOptimizer(model, new FeiSettings(Quantiles: 1, Temperature: 1e-4), seed: 1);
        var mask = tensor(new float[] { 0.9f, 0.1f, 0.8f, 0.2f }, [1, 4]);
        var j = fei.Objective(mask, x, target, zeros(4), tensor(new float[] { 10, 10, 10, 10 }));
        var insert = tensor(new float[] { 1, 0, 3, 0 }, [1, 4]);
        var delete = tensor(new float[] { 10, 2, 10, 4 }, [1, 4]);
        using var noGrad = no_grad();
        var p = model.forward(cat([insert, delete], 0)).softmax(1)[TensorIndex.Colon, 0];
        double expected = p[0].item<float>() - p[1].item<float>();
        Assert.Equal(expected, j.item<float>(), 5);
    }
}
