using Agop.Science.Attribution.Catalog;
using Agop.Science.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// SHAP's DeepExplainer semantics on a ReLU network: DeepLIFT's rescale rule against each background sample,
/// averaged over the background. Through a ReLU the multiplier is Δout/Δin, falling back to the ordinary
/// gradient where |Δin| &lt; 1e-6 (as shap's nonlinear_1d does); Linear layers pass multipliers through their
/// weights. Then φ = mean_b (x − b) ⊙ m(x, b), and Σ_j φ_j = f_c(x) − mean_b f_c(b).
/// The background set comes in as <c>baselines</c> (Captum's DeepLiftShap convention).
/// The backward pass is written out per layer and batched over (sample, background) pairs; on the CPU each ReLU's rescale
/// step is one pass of <see cref="RescaleStep"/> (the same bits; <paramref name="fusedRescale"/> false keeps libtorch's ops, for tests).
/// </summary>
public sealed class DeepShap(Mlp model, int pairsPerPass = 2048, bool fusedRescale = true) : IAttributionMethod
{
    const double RescaleEpsilon = 1e-6;

    public static readonly MethodDescriptor Descriptor = new("shap", "SHAP (Deep)",
        "DeepExplainer semantics: DeepLIFT rescale against each background sample, averaged",
        static (_, r) => new DeepShap(r.Model as Mlp ?? throw Unsupported(r.Model)))
    {
        Options = [new MethodOption("background", 200L, "DeepSHAP background samples from the training set", Min: 1, Max: 100_000)],
        Baseline = BaselinePolicy.BackgroundSample,
    };

    /// <summary>The module kinds the rescale backward below is written for.</summary>
    public const string SupportedModules = "Linear, ReLU (an Mlp)";

    static NotSupportedException Unsupported(TorchSharp.torch.nn.Module<Tensor, Tensor> model) =>
        new($"DeepSHAP cannot explain {model.GetType().Name}: its layers include modules it has no rule for (Conv2d, MaxPool2d, …); supported modules: {SupportedModules}");

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var layers = model.Layers;
        foreach (var layer in layers)
            if (layer is not Linear and not ReLU)
                throw new NotSupportedException($"DeepSHAP has no rule for {layer.GetType().Name}; supported modules: {SupportedModules}");

        var x = inputs.flatten(1);
        var bg = (baselines ?? throw new ArgumentException("DeepShap needs its background sample set as baselines", nameof(baselines))).flatten(1);
        long m = bg.shape[0];
        var backgroundPre = PreActivations(layers, bg);
        var last = (Linear)layers[^1];
        using var zero = 0.ToScalar();
        using var epsilon = RescaleEpsilon.ToScalar();
        return Batching.Chunked(x.shape[0], pairsPerPass / m, (start, count) =>
        {
            var xs = x.narrow(0, start, count);
            var inputPre = PreActivations(layers, xs);
            // multiplier of the output logit c w.r.t. the last hidden layer: row c of the final weight, per pair
            var multiplier = last.weight!.index_select(0, target.narrow(0, start, count).to(ScalarType.Int64))
                .unsqueeze(1).expand(count, m, -1);
            int relu = backgroundPre.Count - 1;
            for (int i = layers.Count - 2; i >= 0; i--)
            {
                if (layers[i] is ReLU && fusedRescale && RescaleStep.TryApply(multiplier, inputPre[relu], backgroundPre[relu], RescaleEpsilon, out var rescaled))
                {
                    multiplier = rescaled!;
                    relu--;
                }
                else if (layers[i] is ReLU)
                {
                    var zx = inputPre[relu].unsqueeze(1);
                    var zb = backgroundPre[relu].unsqueeze(0);
                    var dz = zx - zb;
                    var rescale = (nn.functional.relu(zx) - nn.functional.relu(zb)) / dz;
                    var slope = zx.gt(zero).to(zx.dtype).expand_as(dz);
                    multiplier = multiplier * where(dz.abs().lt(epsilon), slope, rescale);
                    relu--;
                }
                else
                {
                    multiplier = multiplier.matmul(((Linear)layers[i]).weight!);
                }
            }
            var delta = xs.unsqueeze(1) - bg.unsqueeze(0);
            return (delta * multiplier).mean([1]);
        }).view(inputs.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The input of every ReLU, in order, for a batch.</summary>
    static List<Tensor> PreActivations(IReadOnlyList<TorchSharp.torch.nn.Module<Tensor, Tensor>> layers, Tensor x)
    {
        var pre = new List<Tensor>();
        var h = x;
        foreach (var layer in layers)
        {
            if (layer is ReLU) pre.Add(h);
            h = layer.forward(h);
        }
        return pre;
    }
}
