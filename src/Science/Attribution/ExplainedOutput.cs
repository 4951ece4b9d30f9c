using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// The model output a gradient is taken of (<c>image.attr_output</c>): the logits z or the softmax probabilities p. The image
/// methods and diag(M) take it from here, so AGOP-Local, AGOP-Weighted and AGOP-Global share one definition.
/// </summary>
public enum ExplainedOutput { Logit, Probability }

public static class ExplainedOutputs
{
    public const string Logit = "logit", Probability = "prob";
    public static readonly IReadOnlyList<string> Names = [Logit, Probability];

    public static ExplainedOutput Parse(string text) => text switch
    {
        Logit => ExplainedOutput.Logit,
        Probability => ExplainedOutput.Probability,
        _ => throw new ArgumentException($"unknown explained output '{text}' (expected {Logit} or {Probability})"),
    };

    /// <param name="logits">The model's forward pass (N×classes logits).</param>
    public static Func<Tensor, Tensor> Of(this ExplainedOutput output, Func<Tensor, Tensor> logits) =>
        output == ExplainedOutput.Probability ? x => nn.functional.softmax(logits(x), 1) : logits;
}
