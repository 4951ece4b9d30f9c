using Agop.Science.Data;
using Agop.Science.Models;
using Agop.Science.Torch;
using Agop.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution.Fei;

/// <summary>How <see cref="FeiOptimizer.Gradient"/> computes ∂L/∂θ: segment by segment with the clip (what FEI runs),
/// or in one autograd call from the loss to θ through the whole model (no clip; the reference for <see cref="FeiClip.None"/>).</summary>
public enum FeiBackward { LayerWise, OneShot }

/// <summary>
/// One FEI objective/gradient evaluation at θ, for diagnostics and tests. <see cref="Objective"/>: J per sample [B];
/// <see cref="Gradient"/>: ∂L/∂θ with L = −Σ_samples J, [B, d]. For a layer-wise backward, per hidden layer (in
/// <see cref="ISegmentedModel.HiddenNames"/> order): <see cref="Gammas"/>, γ = ∂L/∂h_ℓ(x̃) after the clip, as passed
/// down, and <see cref="OverActive"/>, the mask h_ℓ(x̃) &gt; h_ℓ(x); both [B·K, …h_ℓ], rows b·K + k with the K perturbed
/// copies of sample b ordered insertion q₁…q_|Q| then deletion q₁…q_|Q| (only the curves the objective uses). Both lists
/// are empty for a one-shot backward.
/// </summary>
public sealed record FeiStep(Tensor Objective, Tensor Gradient, IReadOnlyList<Tensor> Gammas, IReadOnlyList<Tensor> OverActive);

/// <summary>
/// FEI (faithfulness-guided ensemble interpretation), the reconstruction of SPEC §11.4. Per sample, θ ∈ R^d (d = elements
/// per sample) and m = sigmoid(θ). For each quantile level q, τ_q = the (1 − q) quantile of m's row (linear
/// interpolation, no gradient), s_q = sigmoid((m − τ_q)/T), x_ins,q = x⁰ + s_q ⊙ (x − x⁰) (= s_q⊙x + (1−s_q)⊙x⁰) and
/// x_del,q = x + s_q ⊙ (b − x) (= (1−s_q)⊙x + s_q⊙b). J = mean_q [p_c(x_ins,q) − p_c(x_del,q)], p = softmax of the
/// logits, c = target. Adam (torch's update, β = 0.9/0.999, ε = 1e-8) minimises L = −Σ_samples J; rows are independent.
/// The backward runs segment by segment (<see cref="ISegmentedModel.SplitGradientSegments"/>: a segment's first step, such as
/// CNN8by8's max-pool, may bring its own backward), each segment's output a detached leaf,
/// and at each hidden layer clips γ = ∂L/∂h_ℓ on the units that fire more than on the original x (<see cref="FeiClip"/>)
/// before passing it down — no backward hooks.
/// <para>
/// Wrapping: <c>new FeiOptimizer(model, settings, seed, rowsPerPass).Attribute(x, target, insertionStart,
/// deletionSubstrate, firstIndex)</c>. x: [N, …] (e.g. [N, d] tabular, [N, 1, 8, 8] images) in the model's dtype;
/// target: [N] class indices (the model's top class on x, SPEC §11.4); insertionStart x⁰ and deletionSubstrate b:
/// tensors broadcastable to x ([N, …] per sample, e.g. the RISE blur; or one sample's shape / a one-element tensor, e.g.
/// the training mean or 0). firstIndex: the global index of row 0, which keys θ₀'s random stream (seed, "fei",
/// firstIndex + row, restart), so splitting a data set over calls gives the same result as one call. Returns a = m
/// after the last step, averaged over restarts: shaped like x, every value in (0, 1). rowsPerPass = samples optimised
/// together (a step runs K = 2|Q| copies of each, K·rowsPerPass model rows); it bounds memory and changes no bit of the
/// result. The class never changes torch's thread count (the caller's TorchRuntime does).
/// </para>
/// <para>
/// Bit-identity over rowsPerPass: libtorch's elementwise kernels run a vector loop and a scalar remainder loop, and for
/// sigmoid (and fused ops such as addcdiv) the two can round differently, so an element's value could depend on where
/// it falls in the flattened batch. Every θ-side tensor therefore keeps each row padded to a multiple of
/// <see cref="RowAlignment"/> elements (the pad is never read: the quantiles and the perturbed inputs use the first d
/// entries), so no row ever reaches a remainder loop; θ's gradient through the perturbation is written out by hand
/// with elementwise products and a sum over q in a fixed order. The model's kernels (GEMM, convolution, ReLU, max-pool,
/// a row-wise softmax) give a row the same bits whatever the batch once every call has at least
/// <see cref="MinimumModelRows"/> rows, so small passes are topped up with dummy samples. Checked by the tests (pass
/// sizes 3 and 256, an MLP and CNN8by8) and, when this was written, for pass sizes 1–12 and 16/25, 1 and 2 threads, on
/// the default 20→[256, 256, 128, 64]→3 MLP too.
/// </para>
/// </summary>
public sealed class FeiOptimizer
{
    /// <summary>θ-side rows are padded to a multiple of this many elements (128 floats: whole AVX-512 loop steps, also per thread for up to 4 threads).</summary>
    public const int RowAlignment = 128;

    /// <summary>
    /// Every model call gets at least this many rows: a pass with fewer samples is topped up with all-zero dummy samples
    /// (their θ stays 0 and their results are dropped). MKL's sgemm takes another path for small M (seen at ≤ 54 rows,
    /// not at ≥ 72, on the 20→[256, 256, 128, 64]→3 MLP), which rounds differently.
    /// </summary>
    public const int MinimumModelRows = 256;

    readonly IReadOnlyList<Func<Tensor, Tensor>> _segments;
    readonly IReadOnlyList<SplitSegment> _split;
    readonly FeiSettings _settings;
    readonly int _seed;
    readonly int _rowsPerPass;
    readonly double[] _levels;
    readonly bool _fusedClip;

    /// <param name="fusedClip">Clip with <see cref="OverActiveClip"/> where it applies (the same bits; false runs libtorch's ops, for tests).</param>
    public FeiOptimizer(ISegmentedModel model, FeiSettings settings, int seed, int rowsPerPass = 256, bool fusedClip = true)
    {
        _fusedClip = fusedClip;
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (rowsPerPass < 1) throw new ArgumentException($"FEI rowsPerPass must be ≥ 1 (got {rowsPerPass})");
        _segments = model.GradientSegments;
        if (_segments.Count < 1) throw new ArgumentException("FEI needs a model with at least one segment");
        _split = model.SplitGradientSegments;
        if (_split.Count != _segments.Count) throw new ArgumentException($"FEI: {_split.Count} split segments for {_segments.Count} gradient segments");
        _settings = settings;
        _seed = seed;
        _rowsPerPass = rowsPerPass;
        _levels = settings.Levels();
    }

    public FeiSettings Settings => _settings;

    /// <summary>The FEI attribution a = mean over restarts of sigmoid(θ) after <see cref="FeiSettings.Steps"/> Adam steps; see the class summary.</summary>
    public Tensor Attribute(Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate, long firstIndex = 0)
    {
        using var scope = NewDisposeScope();
        var (xs, ts, starts, substrates) = Align(x, target, insertionStart, deletionSubstrate);
        return Batching.Chunked(xs.shape[0], _rowsPerPass, (start, count) =>
                Optimise(xs.narrow(0, start, count), ts.narrow(0, start, count), starts.narrow(0, start, count),
                    substrates.narrow(0, start, count), firstIndex + start))
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// θ₀ for rows [firstIndex, firstIndex + rows) of restart <paramref name="restart"/>: [rows, features] of
    /// N(0, InitStd²), row r from the stream (seed, "fei", firstIndex + r, restart).
    /// </summary>
    public Tensor InitialTheta(long firstIndex, long rows, long features, int restart, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var values = new double[rows * features];
        for (long r = 0; r < rows; r++)
        {
            var random = SeedStream.Open(_seed, "fei", firstIndex + r, restart);
            for (long j = 0; j < features; j++) values[r * features + j] = _settings.InitStd * Gaussian.Next(random);
        }
        using var source = tensor(values, [rows, features], dtype: ScalarType.Float64);
        return source.to(dtype, device ?? CPU);
    }

    /// <summary>J per sample [N] for masks m (shaped like x, or [N, d]), without gradients; chunked by rowsPerPass.</summary>
    public Tensor Objective(Tensor mask, Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate)
    {
        using var scope = NewDisposeScope();
        var (xs, ts, starts, substrates) = Align(x, target, insertionStart, deletionSubstrate);
        long n = xs.shape[0];
        var masks = mask.detach().reshape(n, -1).to(x.dtype, x.device);
        return Batching.Chunked(n, _rowsPerPass, (start, count) =>
        {
            using var noGrad = no_grad();
            var pass = new Pass(this, xs.narrow(0, start, count), ts.narrow(0, start, count),
                starts.narrow(0, start, count), substrates.narrow(0, start, count), withOriginals: false);
            var padded = pass.Pad(masks.narrow(0, start, count));
            return pass.Objective(Forward(pass.Perturb(padded).Inputs)).narrow(0, 0, count);
        }).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One evaluation of J and ∂L/∂θ at θ ([N, d] or shaped like x) for all N rows at once (no chunking; for tests and
    /// diagnostics). <see cref="FeiBackward.LayerWise"/> is exactly what each step of <see cref="Attribute"/> runs, with
    /// the settings' clip; <see cref="FeiBackward.OneShot"/> is one autograd call from L to θ through the composed model.
    /// </summary>
    public FeiStep Gradient(Tensor theta, Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate,
        FeiBackward backward = FeiBackward.LayerWise)
    {
        using var scope = NewDisposeScope();
        var (xs, ts, starts, substrates) = Align(x, target, insertionStart, deletionSubstrate);
        var pass = new Pass(this, xs, ts, starts, substrates, withOriginals: backward == FeiBackward.LayerWise);
        var padded = pass.Pad(theta.detach().reshape(pass.Real, pass.Features).to(x.dtype, x.device));
        var step = backward == FeiBackward.LayerWise ? LayerWise(pass, padded, record: true) : OneShot(pass, padded);
        long copies = _settings.CopiesPerSample;
        var result = new FeiStep(
            step.Objective.narrow(0, 0, pass.Real).contiguous(),
            step.Gradient.narrow(0, 0, pass.Real).narrow(1, 0, pass.Features).contiguous(),
            step.Gammas.Select(g => g.narrow(0, 0, pass.Real * copies).contiguous()).ToArray(),
            step.OverActive.Select(o => o.narrow(0, 0, pass.Real * copies).contiguous()).ToArray());
        result.Objective.MoveToOuterDisposeScope();
        result.Gradient.MoveToOuterDisposeScope();
        foreach (var t in result.Gammas.Concat(result.OverActive)) t.MoveToOuterDisposeScope();
        return result;
    }

    /// <summary>
    /// τ [B, |Q|]: τ_q = the (1 − q) quantile of each row of <paramref name="mask"/> [B, d] with linear interpolation
    /// (torch.quantile's default: position (1 − q)(d − 1) in the ascending row), computed without gradient by a sort and
    /// plain elementwise arithmetic (torch.quantile's fused lerp could round differently at the end of a batch).
    /// </summary>
    public static Tensor Thresholds(Tensor mask, IReadOnlyList<double> levels)
    {
        using var scope = NewDisposeScope();
        var (lower, upper, fraction) = QuantileIndex(levels, mask.shape[1], mask.dtype, mask.device);
        return Interpolate(mask, lower, upper, fraction).MoveToOuterDisposeScope();
    }

    static (Tensor Lower, Tensor Upper, Tensor Fraction) QuantileIndex(IReadOnlyList<double> levels, long features, ScalarType dtype, Device device)
    {
        int q = levels.Count;
        var lower = new long[q];
        var upper = new long[q];
        var fraction = new double[q];
        for (int i = 0; i < q; i++)
        {
            double position = (1 - levels[i]) * (features - 1);
            long below = Math.Clamp((long)Math.Floor(position), 0, features - 1);
            lower[i] = below;
            upper[i] = Math.Min(below + 1, features - 1);
            fraction[i] = Math.Clamp(position - below, 0, 1);
        }
        using var fractions = tensor(fraction, dtype: ScalarType.Float64);
        return (tensor(lower, device: device), tensor(upper, device: device), fractions.to(dtype, device));
    }

    static Tensor Interpolate(Tensor mask, Tensor lower, Tensor upper, Tensor fraction)
    {
        using var noGrad = no_grad();
        var (sorted, indices) = mask.detach().sort(dim: 1);
        indices.Dispose();
        using var below = sorted.index_select(1, lower);
        using var above = sorted.index_select(1, upper);
        using var gap = above - below;
        using var step = gap * fraction;
        sorted.Dispose();
        return below.Plus(step);
    }

    static long Padded(long features) => (features + RowAlignment - 1) / RowAlignment * RowAlignment;

    (Tensor X, Tensor Target, Tensor Start, Tensor Substrate) Align(Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate)
    {
        if (x.dim() < 2) throw new ArgumentException($"FEI expects x as [N, …] with at least one feature dimension (got shape [{string.Join(", ", x.shape)}])");
        long n = x.shape[0];
        if (target.numel() != n) throw new ArgumentException($"FEI: {target.numel()} targets for {n} samples");
        var xs = x.detach();
        var ts = target.detach().reshape(n).to(ScalarType.Int64);
        var starts = insertionStart.detach().to(x.dtype, x.device).expand(x.shape);
        var substrates = deletionSubstrate.detach().to(x.dtype, x.device).expand(x.shape);
        return (xs, ts, starts, substrates);
    }

    /// <summary>Rows of one pass, from θ₀ through all steps and restarts; returns the averaged mask shaped like x.</summary>
    Tensor Optimise(Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate, long firstIndex)
    {
        var pass = new Pass(this, x, target, insertionStart, deletionSubstrate, withOriginals: _settings.Clip != FeiClip.None);
        var total = zeros(pass.Rows, pass.Width, dtype: x.dtype, device: x.device);
        for (int restart = 0; restart < _settings.Restarts; restart++)
        {
            using var restartScope = NewDisposeScope();
            var theta = pass.Pad(InitialTheta(firstIndex, pass.Real, pass.Features, restart, x.dtype, x.device));
            var first = zeros_like(theta);
            var second = zeros_like(theta);
            for (int t = 1; t <= _settings.Steps; t++)
            {
                using var stepScope = NewDisposeScope();
                var gradient = LayerWise(pass, theta, record: false).Gradient;
                using var update = new AdamUpdate(t, _settings.LearningRate);
                update.Apply(theta, gradient, first, second);
            }
            using var noGradEnd = no_grad();
            total.PlusInPlace(theta.sigmoid());
        }
        if (_settings.Restarts > 1)
        {
            using var count = ((double)_settings.Restarts).ToScalar();
            total.div_(count);
        }
        return total.narrow(0, 0, pass.Real).narrow(1, 0, pass.Features).contiguous().view(x.shape);
    }

    /// <summary>
    /// One step's J and ∂L/∂θ (θ padded, [B, Width]): forward through the segments with each output kept as a detached
    /// leaf, then backward deepest first via autograd.grad(segment output, segment input leaf, γ), clipping γ at each
    /// hidden layer, and last from the perturbed inputs to θ by the chain rule of <see cref="Pass.ThetaGradient"/>.
    /// </summary>
    FeiStep LayerWise(Pass pass, Tensor theta, bool record)
    {
        Perturbation perturbation;
        using (no_grad()) perturbation = pass.Perturb(theta.sigmoid());
        using var enable = enable_grad();
        int count = _split.Count;
        var leaves = new Tensor[count];
        var restInputs = new Tensor[count];
        var firstBackward = new Func<Tensor, Tensor>?[count];
        var outputs = new Tensor[count];
        leaves[0] = perturbation.Inputs.detach().requires_grad_(true);
        for (int k = 0; k < count; k++)
        {
            restInputs[k] = leaves[k];
            if (_split[k].First is { } first)
            {
                var (output, backward) = first(leaves[k]);
                restInputs[k] = output.detach().requires_grad_(true);
                firstBackward[k] = backward;
            }
            outputs[k] = _split[k].Rest(restInputs[k]);
            if (k + 1 < count) leaves[k + 1] = outputs[k].detach().requires_grad_(true);
        }
        // ∂L/∂leaves[k] from ∂L/∂restInputs[k], through segment k's first step
        Tensor ThroughFirst(int k, Tensor g) => firstBackward[k] is { } backward ? backward(g) : g;
        var objective = pass.Objective(outputs[count - 1]);
        var loss = objective.sum().neg();
        var gamma = ThroughFirst(count - 1, autograd.grad([loss], [restInputs[count - 1]])[0]);
        var gammas = new Tensor[count - 1];
        var overActive = new Tensor[count - 1];
        for (int k = count - 1; k >= 1; k--)
        {
            // leaves[k] = h_{k−1}(x̃), the output of hidden layer k − 1 (0-based); γ = ∂L/∂h there.
            bool clipped = !record && (_settings.Clip == FeiClip.None
                || (_fusedClip && OverActiveClip.TryApply(gamma, leaves[k], pass.Original(k - 1), _settings.Clip)));
            if (!clipped)
            {
                Tensor? over = _settings.Clip != FeiClip.None || record ? pass.OverActive(k - 1, leaves[k]) : null;
                gamma = Clip(gamma, over);
                if (record)
                {
                    gammas[k - 1] = gamma.detach();
                    overActive[k - 1] = over!;
                }
            }
            gamma = ThroughFirst(k - 1, autograd.grad([outputs[k - 1]], [restInputs[k - 1]], [gamma])[0]);
        }
        using var noGrad = no_grad();
        var gradient = pass.ThetaGradient(gamma, perturbation);
        return new FeiStep(objective.detach(), gradient, record ? gammas : [], record ? overActive : []);
    }

    /// <summary>The reference: L built from θ through the perturbation and the composed model, one autograd.grad to θ.</summary>
    FeiStep OneShot(Pass pass, Tensor theta)
    {
        using var enable = enable_grad();
        var th = theta.detach().requires_grad_(true);
        var objective = pass.Objective(Forward(pass.Perturb(th.sigmoid()).Inputs));
        var loss = objective.sum().neg();
        var gradient = autograd.grad([loss], [th])[0];
        return new FeiStep(objective.detach(), gradient.detach(), [], []);
    }

    Tensor Clip(Tensor gamma, Tensor? over)
    {
        switch (_settings.Clip)
        {
            case FeiClip.OneSided:
            {
                // in place on autograd's fresh γ: max(γ, 0) on the over-active units is γ with its negative entries there set to 0
                using var zero = 0.0.ToScalar();
                using var negative = gamma.lt(zero);
                return gamma.masked_fill_(negative.logical_and_(over!), zero);
            }
            case FeiClip.Zero:
            {
                using var zero = 0.0.ToScalar();
                return gamma.masked_fill_(over!, zero);
            }
            default:
                return gamma;
        }
    }

    Tensor Forward(Tensor input)
    {
        var h = input;
        foreach (var segment in _segments) h = segment(h);
        return h;
    }

    /// <summary>The perturbed inputs [B·K, …sample] and what θ's gradient needs: m [B, Width] and s [B, |Q|, Width].</summary>
    sealed record Perturbation(Tensor Inputs, Tensor Mask, Tensor Soft);

    /// <summary>The per-pass constants: x, x − x⁰, b − x, the quantile index, the targets of every copy, the J weights, h_ℓ(x).</summary>
    sealed class Pass
    {
        readonly FeiOptimizer _owner;
        readonly Tensor _x, _start, _insertStep, _deleteStep, _copyTargets, _weights, _lower, _upper, _fraction;
        readonly long[] _sampleShape;
        readonly Tensor[] _originals;
        readonly int _copies, _quantiles;

        public Pass(FeiOptimizer owner, Tensor x, Tensor target, Tensor insertionStart, Tensor deletionSubstrate, bool withOriginals)
        {
            _owner = owner;
            var settings = owner._settings;
            _quantiles = settings.Quantiles;
            _copies = settings.CopiesPerSample;
            Real = x.shape[0];
            Rows = Math.Max(Real, (MinimumModelRows + _copies - 1) / _copies);
            _sampleShape = x.shape.Skip(1).ToArray();
            Features = _sampleShape.Aggregate(1L, (a, b) => a * b);
            Width = Padded(Features);
            x = TopUp(x);
            _x = x.reshape(Rows, 1, Features);
            _start = TopUp(insertionStart).reshape(Rows, 1, Features);
            _insertStep = _x - _start;
            _deleteStep = TopUp(deletionSubstrate).reshape(Rows, 1, Features) - _x;
            _copyTargets = TopUp(target).view(Rows, 1).expand(Rows, _copies).reshape(Rows * _copies, 1);

            double share = 1.0 / _quantiles;
            var weights = settings.Objective switch
            {
                FeiObjective.Both => Enumerable.Repeat(share, _quantiles).Concat(Enumerable.Repeat(-share, _quantiles)).ToArray(),
                FeiObjective.InsertionOnly => Enumerable.Repeat(share, _quantiles).ToArray(),
                _ => Enumerable.Repeat(-share, _quantiles).ToArray(),
            };
            using (var w = tensor(weights, dtype: ScalarType.Float64)) _weights = w.to(x.dtype, x.device);
            (_lower, _upper, _fraction) = QuantileIndex(owner._levels, Features, x.dtype, x.device);

            _originals = [];
            if (withOriginals)
            {
                using var noGrad = no_grad();
                var h = x;
                var originals = new List<Tensor>();
                for (int k = 0; k + 1 < owner._segments.Count; k++)
                {
                    h = owner._segments[k](h);
                    originals.Add(h.unsqueeze(1));
                }
                _originals = originals.ToArray();
            }
        }

        /// <summary>The samples of the pass; <see cref="Rows"/> adds the dummy samples that fill it to <see cref="MinimumModelRows"/> model rows.</summary>
        public long Real { get; }
        public long Rows { get; }
        public long Features { get; }

        /// <summary>The padded row length of every θ-side tensor (a multiple of <see cref="RowAlignment"/>).</summary>
        public long Width { get; }

        /// <summary>[Real, d] → [Rows, Width], zeros in the pad and the dummy rows.</summary>
        public Tensor Pad(Tensor rows)
        {
            var padded = zeros(Rows, Width, dtype: rows.dtype, device: rows.device);
            using (no_grad()) padded.narrow(0, 0, rows.shape[0]).narrow(1, 0, Features).copy_(rows);
            return padded;
        }

        /// <summary>Appends all-zero dummy samples up to <see cref="Rows"/>.</summary>
        Tensor TopUp(Tensor t)
        {
            if (t.shape[0] == Rows) return t;
            var shape = t.shape.ToArray();
            shape[0] = Rows - t.shape[0];
            using var dummy = zeros(shape, dtype: t.dtype, device: t.device);
            return cat([t, dummy], 0);
        }

        /// <summary>
        /// From m [B, Width]: τ from m's first d entries, s = sigmoid((m − τ)/T) [B, |Q|, Width], and the K perturbed
        /// copies of every row, [B·K, …sample shape], rows b·K + k. Differentiable in m when grad mode is on (τ never is).
        /// </summary>
        public Perturbation Perturb(Tensor mask)
        {
            var thresholds = Interpolate(mask.narrow(1, 0, Features), _lower, _upper, _fraction);
            using var temperature = _owner._settings.Temperature.ToScalar();
            var soft = (mask.unsqueeze(1) - thresholds.unsqueeze(2)).div(temperature).sigmoid();
            var top = soft.narrow(2, 0, Features);
            Tensor Insert() => _start.Plus(top * _insertStep);
            Tensor Delete() => _x.Plus(top * _deleteStep);
            var copies = _owner._settings.Objective switch
            {
                FeiObjective.Both => cat([Insert(), Delete()], 1),
                FeiObjective.InsertionOnly => Insert(),
                _ => Delete(),
            };
            return new Perturbation(copies.reshape([Rows * _copies, .. _sampleShape]), mask, soft);
        }

        /// <summary>
        /// ∂L/∂θ [B, Width] from γ = ∂L/∂x̃ [B·K, …]: ∂L/∂s_q = γ_ins,q ⊙ (x − x⁰) + γ_del,q ⊙ (b − x),
        /// ∂L/∂m = Σ_q ∂L/∂s_q ⊙ s_q(1 − s_q)/T (τ held fixed; the sum runs q = 1…|Q| in order), ∂L/∂θ = ∂L/∂m ⊙ m(1 − m);
        /// zeros in the pad.
        /// </summary>
        public Tensor ThetaGradient(Tensor gamma, Perturbation perturbation)
        {
            var g = gamma.reshape(Rows, _copies, Features);
            var top = perturbation.Soft.narrow(2, 0, Features);
            var bySoft = _owner._settings.Objective switch
            {
                FeiObjective.Both => (g.narrow(1, 0, _quantiles) * _insertStep).Plus(g.narrow(1, _quantiles, _quantiles) * _deleteStep),
                FeiObjective.InsertionOnly => g * _insertStep,
                _ => g * _deleteStep,
            };
            using var one = 1.0.ToScalar();
            using var temperature = _owner._settings.Temperature.ToScalar();
            var byArgument = bySoft * top * top.neg().PlusInPlace(one) / temperature;
            var byMask = byArgument.select(1, 0).clone();
            for (int q = 1; q < _quantiles; q++) byMask.PlusInPlace(byArgument.select(1, q));
            var mask = perturbation.Mask.narrow(1, 0, Features);
            var byTheta = byMask * mask * mask.neg().PlusInPlace(one);
            return Pad(byTheta);
        }

        /// <summary>J per row from the logits of the perturbed copies.</summary>
        public Tensor Objective(Tensor logits)
        {
            var probability = logits.softmax(1).gather(1, _copyTargets).view(Rows, _copies);
            return (probability * _weights).sum(dim: 1);
        }

        /// <summary>h_ℓ(x) [Rows, 1, …h_ℓ] for hidden layer ℓ (0-based).</summary>
        public Tensor Original(int layer) => _originals[layer];

        /// <summary>h_ℓ(x̃) &gt; h_ℓ(x), elementwise, for hidden layer ℓ (0-based), shaped like <paramref name="hidden"/>.</summary>
        public Tensor OverActive(int layer, Tensor hidden)
        {
            using var noGrad = no_grad();
            var rest = hidden.shape.Skip(1).ToArray();
            return hidden.detach().reshape([Rows, _copies, .. rest]).gt(_originals[layer]).reshape(hidden.shape);
        }
    }
}
