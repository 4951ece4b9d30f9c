using static TorchSharp.torch;

namespace Agop.Science.Models;

/// <summary>
/// A classifier split at its hidden ReLU layers H: segment k maps the previous segment's output (the input for k = 0) to
/// h_k, and the last segment maps h_|H| to the logits. Composing all segments is the forward pass. FEI's layer-wise
/// backward and the internal-faithfulness metrics (SPEC §11.3–§11.4) read the hidden outputs through it.
/// </summary>
public interface ISegmentedModel
{
    IReadOnlyList<Func<Tensor, Tensor>> Segments { get; }

    /// <summary>
    /// Segments with the same composition (the logits) and the same gradient with respect to the input, whose hidden outputs may
    /// leave out units that cannot reach the logits (CNN8by8: the last row and column of a convolution's output that its 2×2
    /// max-pool never reads). FEI's layer-wise backward runs on these: a left-out unit's gradient is zero, so clipping it
    /// changes nothing. The internal-faithfulness metrics read every unit, through <see cref="Segments"/>.
    /// </summary>
    IReadOnlyList<Func<Tensor, Tensor>> GradientSegments => Segments;

    /// <summary>
    /// <see cref="GradientSegments"/> as FEI's layer-wise backward runs them: each may start with a step it differentiates
    /// itself (CNN8by8's max-pool: libtorch's kernel branches unpredictably on ReLU outputs), followed by the rest, which autograd
    /// differentiates. Composing them gives the same outputs, and their backward the same gradients, as <see cref="GradientSegments"/>.
    /// </summary>
    IReadOnlyList<SplitSegment> SplitGradientSegments => GradientSegments.Select(s => new SplitSegment(null, s)).ToArray();

    /// <summary>The names of the hidden layers, one per segment but the last.</summary>
    IReadOnlyList<string> HiddenNames { get; }
}

/// <summary>A step with its own backward: the output and the map from ∂L/∂output to ∂L/∂input.</summary>
public delegate (Tensor Output, Func<Tensor, Tensor> Backward) HandDifferentiated(Tensor input);

/// <summary>One gradient segment: an optional <see cref="First"/> step with its own backward, then <see cref="Rest"/> (autograd).</summary>
public sealed record SplitSegment(HandDifferentiated? First, Func<Tensor, Tensor> Rest);
