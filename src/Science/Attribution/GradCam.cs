using Agop.Science.Attribution.Catalog;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// GradCAM as Captum's LayerGradCam: on layer A (default the last Conv2d), w_k = mean over positions of ∂z_c/∂A_k,
/// map = ReLU(Σ_k w_k A_k) (relu_attributions = true, the original GradCAM), upsampled to the input's size
/// (nearest, Captum's interpolate default, or bilinear) and repeated over input channels.
/// </summary>
public sealed class GradCam(ILayeredModel model, string layer, string upsample, bool relu, bool explainProbability) : IAttributionMethod
{
    public const string Nearest = "nearest", Bilinear = "bilinear";

    public static readonly MethodDescriptor Descriptor = new("gradcam", "GradCAM",
        "ReLU(Σ_k mean(∂z_c/∂A_k)·A_k) on the last Conv2d, nearest-upsampled to the input",
        static (s, r) => new GradCam(r.RequireLayered("GradCAM", "CNN8by8: conv1–conv4, relu1–relu4"), s.Text("layer"), s.Text("upsample"),
            s.Bool("relu"), r.ExplainProbability))
    {
        Options =
        [
            new MethodOption("layer", "conv4", "the layer whose activations GradCAM weights (XT: the last Conv2d)"),
            new MethodOption("upsample", Nearest, "nearest (Captum's default) or bilinear", Allowed: [Nearest, Bilinear]),
            new MethodOption("relu", true, "apply ReLU to the map (original GradCAM; Captum's default is false)"),
        ],
        Baseline = BaselinePolicy.None,
        Modalities = Modalities.Image,
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        if (!model.LayerNames.Contains(layer))
            throw new ArgumentException($"GradCAM layer '{layer}' does not exist; the model's layers are {string.Join(", ", model.LayerNames)}");
        if (upsample is not (Nearest or Bilinear)) throw new ArgumentException($"unknown GradCAM upsampling '{upsample}' (expected {Nearest} or {Bilinear})");
        using var scope = NewDisposeScope();
        return Batching.Chunked(inputs.shape[0], 16384, (start, count) => Once(inputs.narrow(0, start, count), target.narrow(0, start, count)))
            .MoveToOuterDisposeScope();
    }

    Tensor Once(Tensor inputs, Tensor target)
    {
        using var enable = enable_grad();
        var (logits, layers) = model.Trace(inputs.detach());
        var activation = layers.First(l => l.Name == layer).Output;
        var output = explainProbability ? nn.functional.softmax(logits, 1) : logits;
        var selected = output.gather(1, target.view(-1, 1).to(ScalarType.Int64)).sum();
        var gradient = autograd.grad([selected], [activation])[0];
        var weights = gradient.mean([2, 3], keepdim: true);
        var map = (weights * activation).sum(1, keepdim: true).detach();
        if (relu) map = nn.functional.relu(map);
        var size = new[] { inputs.shape[2], inputs.shape[3] };
        var upsampled = upsample == Nearest
            ? nn.functional.interpolate(map, size, mode: InterpolationMode.Nearest)
            : nn.functional.interpolate(map, size, mode: InterpolationMode.Bilinear, align_corners: false);
        return upsampled.expand(inputs.shape).contiguous();
    }
}
