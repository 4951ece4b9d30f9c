using Agop.Science.Attribution;
using Agop.Science.Models;
using Agop.Science.Roar;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>Per-sample internal-faithfulness scores, each the mean over the insertion fractions T.</summary>
/// <param name="ActivationDeviation">AD: mean_t mean_ℓ ‖h_ℓ(x_ins(t)) − h_ℓ(x)‖₂ / (‖h_ℓ(x)‖₂ + 1e-12), the mean over ℓ taking only the
/// layers active on x (‖h_ℓ(x)‖ &gt; 0) [choice]; 0 for a sample with no active hidden unit. Lower is better.</param>
/// <param name="ActivationPreservation">AP: mean_t IoU of the active hidden units {h &gt; 0} of x and x_ins(t), all layers together (both empty: 1). Higher is better.</param>
/// <param name="SpuriousRate">mean_t share of all hidden units with h(x_ins(t)) &gt; h(x) + 0.1·max h(x) (max over all the sample's hidden units).</param>
public sealed record InternalScores(double[] ActivationDeviation, double[] ActivationPreservation, double[] SpuriousRate);

/// <summary>
/// Activation deviation, activation preservation and the spurious-activation rate (SPEC §11.3) on the insertion path:
/// x_ins(t) takes the top ⌈t·d⌉ features by the attribution from x and the rest from the insertion start x⁰ (the same
/// ranking rule as the curves). The hidden layers H are the outputs of every segment of the model but the last. One
/// batched pass per fraction over all samples of a chunk; <c>batchSize</c> bounds memory and changes nothing else.
/// </summary>
public sealed class InternalFaithfulness(ISegmentedModel model, IReadOnlyList<double>? fractions = null, RankBy rankBy = RankBy.Signed,
    int batchSize = PerturbationCurves.DefaultBatchSize)
{
    public static readonly IReadOnlyList<double> DefaultFractions = [0.1, 0.2, 0.3, 0.4, 0.5];
    const double NormFloor = 1e-12, SpuriousMargin = 0.1;

    public IReadOnlyList<double> Fractions { get; } = Validate(fractions ?? DefaultFractions);
    public RankBy RankBy { get; } = rankBy;
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be at least 1");

    /// <param name="inputs">x, N×….</param>
    /// <param name="attribution">a, the inputs' shape, or N×H×W per pixel for N×C×H×W images.</param>
    /// <param name="insertionStart">x⁰: N×… per sample, or anything that broadcasts to x.</param>
    public InternalScores Compute(Tensor inputs, Tensor attribution, Tensor insertionStart)
    {
        var segments = model.Segments;
        if (segments.Count < 2) throw new ArgumentException("internal faithfulness needs a model with at least one hidden layer", nameof(model));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var layout = FeatureLayout.Of(inputs, attribution);
        long n = inputs.shape[0], d = layout.Features;
        var start = FeatureLayout.Like(insertionStart, inputs, nameof(insertionStart));
        var positions = Ranking.Positions(attribution.reshape(n, d), RankBy);
        var counts = Fractions.Select(t => (long)FeatureRemoval.Count(t, (int)d)).ToArray();
        using var floor = NormFloor.ToScalar();
        using var margin = SpuriousMargin.ToScalar();
        using var one = 1.0.ToScalar();
        using var parts = ((double)counts.Length).ToScalar();
        using var zero = 0.0.ToScalar();

        // count × 3: AD, AP, spurious rate
        var scores = Batching.Chunked(n, BatchSize, (first, count) =>
        {
            var x = inputs.narrow(0, first, count);
            var x0 = FeatureLayout.Rows(start, inputs, first, count);
            var rank = positions.narrow(0, first, count);
            var original = Hidden(segments, x);
            var raw = original.Select(h => h.Squared().sum(dim: 1).sqrt()).ToArray();
            var norms = raw.Select(r => r.Plus(floor)).ToArray();
            // a layer silent on x (‖h_ℓ(x)‖ = 0, e.g. CNN8by8's 4-unit relu4) has no state to preserve: left out of the mean over ℓ,
            // which would otherwise divide by the 1e-12 floor
            var live = raw.Select(r => r.gt(zero).to(ScalarType.Float64)).ToArray();
            var liveLayers = live.Aggregate((a, b) => a.Plus(b)).clamp_min(one);
            var all = cat(original, 1);
            var active = all.gt(zero);
            var threshold = all.Plus(all.amax([1], keepdim: true).mul(margin));
            var deviation = zeros(count, dtype: ScalarType.Float64, device: x.device);
            var preservation = zeros_like(deviation);
            var spurious = zeros_like(deviation);
            foreach (long k in counts)
            {
                using var point = NewDisposeScope();
                var hidden = Hidden(segments, where(layout.Mask(rank, k), x, x0));
                var layerDeviation = zeros_like(deviation);
                for (int l = 0; l < hidden.Length; l++) layerDeviation.PlusInPlace(hidden[l].sub(original[l]).Squared().sum(dim: 1).sqrt().div(norms[l]).mul(live[l]));
                deviation.PlusInPlace(layerDeviation.div(liveLayers));
                var inserted = cat(hidden, 1);
                var nowActive = inserted.gt(zero);
                var intersection = active.logical_and(nowActive).sum(dim: 1).to(ScalarType.Float64);
                var union = active.logical_or(nowActive).sum(dim: 1).to(ScalarType.Float64);
                preservation.PlusInPlace(where(union.eq(zero), ones_like(union), intersection.div(union.clamp_min(one))));
                spurious.PlusInPlace(inserted.gt(threshold).to(ScalarType.Float64).mean([1]));
            }
            return stack([deviation.div(parts), preservation.div(parts), spurious.div(parts)], 1);
        });
        using var host = scores.to(CPU).contiguous();
        var values = host.data<double>().ToArray();
        return new InternalScores(Column(values, 0), Column(values, 1), Column(values, 2));
    }

    /// <summary>The hidden outputs h_ℓ (every segment's output but the last), each flattened to count × units, as float64 (run on at least <see cref="SmallBatch.MinimumRows"/> rows).</summary>
    static Tensor[] Hidden(IReadOnlyList<Func<Tensor, Tensor>> segments, Tensor x)
    {
        var hidden = new Tensor[segments.Count - 1];
        var h = SmallBatch.Pad(x);
        for (int l = 0; l < hidden.Length; l++)
        {
            h = segments[l](h);
            hidden[l] = h.narrow(0, 0, x.shape[0]).flatten(1).to(ScalarType.Float64);
        }
        return hidden;
    }

    static double[] Column(double[] rows, int column) => Enumerable.Range(0, rows.Length / 3).Select(i => rows[i * 3 + column]).ToArray();

    static IReadOnlyList<double> Validate(IReadOnlyList<double> fractions)
    {
        if (fractions.Count == 0) throw new ArgumentException("at least one insertion fraction is needed", nameof(fractions));
        foreach (double t in fractions)
            if (!(t >= 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(fractions), $"insertion fraction {t} outside [0, 1]");
        return fractions.ToArray();
    }
}
