using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Science.Faithfulness;

/// <summary>Settings of one faithfulness evaluation (SPEC §11.2–§11.3).</summary>
/// <param name="Step">Features (pixels) per curve step; n = ⌈d/Step⌉ steps, n + 1 points.</param>
/// <param name="RankBy">Signed (default) or absolute ranking; ties always go to the lower index.</param>
/// <param name="Fractions">The insertion fractions T of the internal metrics; null = {0.1, 0.2, 0.3, 0.4, 0.5}.</param>
/// <param name="BatchSize">Rows per forward pass; bounds memory, changes no result.</param>
public sealed record FaithfulnessOptions(int Step = 1, RankBy RankBy = RankBy.Signed, IReadOnlyList<double>? Fractions = null,
    int BatchSize = PerturbationCurves.DefaultBatchSize);

/// <summary>The faithfulness of one attribution method on N samples: per-sample arrays (length N) and the mean curves.</summary>
/// <param name="Target">c per sample: the top class on the unperturbed input, the class every score is of.</param>
/// <param name="InsertionAuc">RISE AUC of the insertion curve (higher is better).</param>
/// <param name="DeletionAuc">RISE AUC of the deletion curve (lower is better).</param>
/// <param name="PixelFlippingAuc">Quantus PixelFlipping AUC of the deletion curve: points after each step, trapz(dx = 1), not normalised.</param>
/// <param name="ActivationDeviation">AD (lower is better).</param>
/// <param name="ActivationPreservation">AP (higher is better).</param>
/// <param name="SpuriousRate">Spurious-activation rate.</param>
/// <param name="MeanInsertionCurve">The mean insertion curve over the samples, n + 1 points (x-axis k/n).</param>
/// <param name="MeanDeletionCurve">The mean deletion curve over the samples, n + 1 points.</param>
public sealed record FaithfulnessResult(long[] Target, double[] InsertionAuc, double[] DeletionAuc, double[] PixelFlippingAuc,
    double[] ActivationDeviation, double[] ActivationPreservation, double[] SpuriousRate, double[] MeanInsertionCurve, double[] MeanDeletionCurve);

/// <summary>External and internal faithfulness in one call, for a pipeline stage that evaluates a (model, method) pair.</summary>
public static class FaithfulnessScores
{
    /// <summary>
    /// Insertion/deletion curves and their AUCs (RISE and Quantus PixelFlipping), and AD, AP and the spurious rate, for
    /// every sample. The logits are the composition of <paramref name="model"/>'s segments (= its forward pass).
    /// </summary>
    /// <param name="model">A classifier split at its hidden ReLU layers (<see cref="Mlp"/>, CNN8by8).</param>
    /// <param name="inputs">x, N×… (tabular N×d, images N×C×H×W), the evaluated samples.</param>
    /// <param name="attribution">a, the inputs' shape (or N×H×W per pixel for images); for the random floor use <see cref="RandomOrder"/>.</param>
    /// <param name="insertionStart">x⁰: images <see cref="RiseBlur.Apply"/>(x); tabular the training mean (broadcasts, e.g. shape [d]).</param>
    /// <param name="deletionSubstrate">b: images 0; tabular the training mean (0 after standardisation). Broadcasts to x.</param>
    public static FaithfulnessResult Compute(ISegmentedModel model, Tensor inputs, Tensor attribution, Tensor insertionStart, Tensor deletionSubstrate,
        FaithfulnessOptions? options = null)
    {
        options ??= new FaithfulnessOptions();
        using var scope = NewDisposeScope();
        using var curves = new PerturbationCurves(Logits(model), options.Step, options.RankBy, options.BatchSize)
            .Compute(inputs, attribution, insertionStart, deletionSubstrate);
        var internalScores = new InternalFaithfulness(model, options.Fractions, options.RankBy, options.BatchSize)
            .Compute(inputs, attribution, insertionStart);
        using var target = curves.Target.to(CPU);
        return new FaithfulnessResult(
            target.data<long>().ToArray(),
            CurveAuc.Rise(curves.Insertion),
            CurveAuc.Rise(curves.Deletion),
            CurveAuc.PixelFlipping(curves.Deletion),
            internalScores.ActivationDeviation,
            internalScores.ActivationPreservation,
            internalScores.SpuriousRate,
            CurveAuc.Mean(curves.Insertion),
            CurveAuc.Mean(curves.Deletion));
    }

    /// <summary>The model's logits as the composition of its segments (the gradient segments: the same logits with fewer hidden units).</summary>
    public static Func<Tensor, Tensor> Logits(ISegmentedModel model)
    {
        var segments = model.GradientSegments;
        return x =>
        {
            var h = x;
            foreach (var segment in segments) h = segment(h);
            return h;
        };
    }
}
