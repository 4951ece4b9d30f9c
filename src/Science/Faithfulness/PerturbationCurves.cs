using Agop.Science.Attribution;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>Per-sample insertion and deletion curves, N × (n + 1) in float64, and the class they score. Dispose to free them.</summary>
public sealed class CurveSet(Tensor target, Tensor insertion, Tensor deletion) : IDisposable
{
    /// <summary>c: the top class on the unperturbed input, per sample (int64, N).</summary>
    public Tensor Target { get; } = target;

    /// <summary>Insertion: point 0 is the insertion start x⁰, point n is x.</summary>
    public Tensor Insertion { get; } = insertion;

    /// <summary>Deletion: point 0 is x, point n is the substrate b everywhere.</summary>
    public Tensor Deletion { get; } = deletion;

    public void Dispose()
    {
        Target.Dispose();
        Insertion.Dispose();
        Deletion.Dispose();
    }
}

/// <summary>
/// RISE insertion and deletion curves (SPEC §11.2). Features are ordered by the attribution (descending, signed or
/// absolute, ties to the lower index); with <c>step</c> features per step there are n = ⌈d/step⌉ steps and n + 1 points.
/// Deletion starts at x and replaces the top k·step features with the substrate b; insertion starts at x⁰ and copies the
/// top k·step features from x. The score is the softmax probability of the class c that is on top for the unperturbed
/// x, fixed along the curve. One batched forward per curve point over all samples of a chunk; <c>batchSize</c> (rows per
/// forward) bounds memory and changes nothing else (see <see cref="SmallBatch"/>).
/// </summary>
/// <param name="model">Logits, N×… → N×K (no batch statistics).</param>
public sealed class PerturbationCurves(Func<Tensor, Tensor> model, int step = 1, RankBy rankBy = RankBy.Signed, int batchSize = PerturbationCurves.DefaultBatchSize)
{
    public const int DefaultBatchSize = 4096;

    public int Step { get; } = step >= 1 ? step : throw new ArgumentOutOfRangeException(nameof(step), "step must be at least 1");
    public RankBy RankBy { get; } = rankBy;
    public int BatchSize { get; } = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be at least 1");

    /// <summary>n = ⌈d/step⌉, the number of steps; curves have n + 1 points.</summary>
    public static int Steps(long features, int step) => (int)((features + step - 1) / step);

    /// <param name="inputs">x, N×….</param>
    /// <param name="attribution">a, the inputs' shape, or N×H×W per pixel for N×C×H×W images.</param>
    /// <param name="insertionStart">x⁰: N×… per sample, or anything that broadcasts to x (a training mean).</param>
    /// <param name="deletionSubstrate">b: anything that broadcasts to x (0, the training mean), or N×… per sample.</param>
    public CurveSet Compute(Tensor inputs, Tensor attribution, Tensor insertionStart, Tensor deletionSubstrate)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var layout = FeatureLayout.Of(inputs, attribution);
        long n = inputs.shape[0], d = layout.Features;
        int steps = Steps(d, Step);
        var start = FeatureLayout.Like(insertionStart, inputs, nameof(insertionStart));
        var substrate = FeatureLayout.Like(deletionSubstrate, inputs, nameof(deletionSubstrate));
        var positions = Ranking.Positions(attribution.reshape(n, d), RankBy);

        var target = Batching.Chunked(n, BatchSize, (first, count) => SmallBatch.Forward(model, inputs.narrow(0, first, count)).argmax(1));
        // count × 2 × (n + 1): [., 0, .] insertion, [., 1, .] deletion
        var both = Batching.Chunked(n, BatchSize, (first, count) =>
        {
            var x = inputs.narrow(0, first, count);
            var x0 = FeatureLayout.Rows(start, inputs, first, count);
            var b = FeatureLayout.Rows(substrate, inputs, first, count);
            var rank = positions.narrow(0, first, count);
            var c = target.narrow(0, first, count).view(-1, 1);
            var insertion = new Tensor[steps + 1];
            var deletion = new Tensor[steps + 1];
            for (int k = 0; k <= steps; k++)
            {
                using var point = NewDisposeScope();
                var mask = layout.Mask(rank, (long)k * Step);
                insertion[k] = Score(SmallBatch.Forward(model, where(mask, x, x0)), c).MoveToOuterDisposeScope();
                deletion[k] = Score(SmallBatch.Forward(model, where(mask, b, x)), c).MoveToOuterDisposeScope();
            }
            return stack([stack(insertion, 1), stack(deletion, 1)], 1);
        });
        var result = new CurveSet(target.MoveToOuterDisposeScope(), both.select(1, 0).contiguous().MoveToOuterDisposeScope(),
            both.select(1, 1).contiguous().MoveToOuterDisposeScope());
        return result;
    }

    /// <summary>softmax(z)_c per row, as float64.</summary>
    internal static Tensor Score(Tensor logits, Tensor c) => nn.functional.softmax(logits, 1).gather(1, c).squeeze(1).to(ScalarType.Float64);
}
