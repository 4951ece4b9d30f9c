using Agop.Science.Attribution;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Images.Agop;

/// <summary>Which output's input gradient enters the AGOP (SPEC §10.4 <c>agop.target</c>).</summary>
public enum AgopTarget { Predicted, True, AllOutputs }

/// <summary>
/// diag(M) of the AGOP over a set of inputs, M = (1/n) Σ_i g_i g_iᵀ, without forming M: D_j = (1/n) Σ_i g_ij².
/// g_i = ∇_x f_c(x_i), f the explained output (logit z or probability p, as the attributions use), comes from one batched
/// backward of Σ_i f_{c_i}(x_i) (valid: no cross-sample operation in the model).
/// </summary>
public static class AgopDiagonal
{
    public static AgopTarget ParseTarget(string text) => text switch
    {
        "predicted" => AgopTarget.Predicted,
        "true" => AgopTarget.True,
        "all_outputs" => AgopTarget.AllOutputs,
        _ => throw new ArgumentException($"unknown AGOP target '{text}' (expected predicted, true or all_outputs)"),
    };

    /// <param name="logits">The model's forward pass; <paramref name="output"/> says which output of it is differentiated.</param>
    /// <returns>D as a float array shaped like one input (C·H·W values).</returns>
    public static float[] Compute(Func<Tensor, Tensor> logits, Tensor inputs, AgopTarget target, ExplainedOutput output, Tensor? labels = null,
        int chunk = 16384)
    {
        using var scope = NewDisposeScope();
        var sum = SquaredGradientSum(logits, inputs, target, output, labels, chunk);
        using var count = ((double)inputs.shape[0]).ToScalar();
        return sum.div_(count).cpu().data<float>().ToArray();
    }

    /// <summary>Σ_i g_i² (per input element) over the rows of <paramref name="inputs"/>; the online hook adds these per batch.</summary>
    public static Tensor SquaredGradientSum(Func<Tensor, Tensor> logits, Tensor inputs, AgopTarget target, ExplainedOutput output, Tensor? labels = null,
        int chunk = 16384)
    {
        var model = output.Of(logits);
        switch (target)
        {
            case AgopTarget.Predicted:
                return ClassGradient.Compute(model, inputs, ClassGradient.Predict(model, inputs), chunk).Squared().sum(dim: 0);
            case AgopTarget.True:
                return ClassGradient.Compute(model, inputs, labels ?? throw new ArgumentException("agop.target 'true' needs the labels"), chunk).Squared().sum(dim: 0);
            default:
                long classes;
                using (no_grad()) classes = model(inputs.narrow(0, 0, 1)).shape[1];
                Tensor? total = null;
                for (long k = 0; k < classes; k++)
                {
                    using var value = k.ToScalar();
                    var target_k = full(inputs.shape[0], value, dtype: ScalarType.Int64, device: inputs.device);
                    var part = ClassGradient.Compute(model, inputs, target_k, chunk).Squared().sum(dim: 0);
                    total = total is null ? part : total.PlusInPlace(part);
                }
                return total!;
        }
    }
}
