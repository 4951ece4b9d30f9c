using Agop.Science.Data;
using Agop.Science.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>
/// XAI-TRIS's CNN8by8 (SPEC §10.3): four blocks Conv2d(k=2, s=1, p=1) → ReLU → MaxPool2d(2, 2) with 1→4→4→4→4 channels
/// (8→9→4, 4→5→2, 2→3→1, 1→2→1), then Linear(4, 2). 234 parameters; the last convolution's output is 2×2.
/// <see cref="forward"/> returns the logits z; <see cref="Probabilities"/> is softmax(z). The Conv2d modules hold the
/// weights (and name the layers); the arithmetic is <see cref="SmallConvolution.PerImage"/>'s, not libtorch's conv2d.
/// </summary>
public sealed class Cnn8by8 : nn.Module<Tensor, Tensor>, ILayeredModel, ISegmentedModel
{
    public const int Channels = 4;
    readonly Conv2d conv1, conv2, conv3, conv4;
    readonly Linear linear;

    public Cnn8by8(int seed) : base("cnn8by8")
    {
        conv1 = nn.Conv2d(1, Channels, 2, stride: 1, padding: 1);
        conv2 = nn.Conv2d(Channels, Channels, 2, stride: 1, padding: 1);
        conv3 = nn.Conv2d(Channels, Channels, 2, stride: 1, padding: 1);
        conv4 = nn.Conv2d(Channels, Channels, 2, stride: 1, padding: 1);
        linear = nn.Linear(Channels, 2);
        RegisterComponents();
        HeNormal.Initialize(this, SeedStream.Open(seed, "init"));
    }

    public int Classes => 2;

    /// <summary>The named layers of every CNN8by8 (what a layer-taking method such as GradCAM may name), known before any model exists.</summary>
    public static IReadOnlyList<string> Layers { get; } = ["conv1", "relu1", "conv2", "relu2", "conv3", "relu3", "conv4", "relu4"];

    public IReadOnlyList<string> LayerNames => Layers;

    /// <summary>The convolutions in forward order, by name (GradCAM picks its layer here).</summary>
    public IReadOnlyList<(string Name, Conv2d Layer)> Convolutions => [("conv1", conv1), ("conv2", conv2), ("conv3", conv3), ("conv4", conv4)];

    public override Tensor forward(Tensor input) => Run(input, null);

    public (Tensor Logits, IReadOnlyList<LayerOutput> Layers) Trace(Tensor input)
    {
        var layers = new List<LayerOutput>(8);
        return (Run(input, layers), layers);
    }

    /// <summary>The forward pass, with <see cref="SmallConvolution.PerImage"/> for each convolution; <paramref name="layers"/> collects its outputs.</summary>
    Tensor Run(Tensor input, List<LayerOutput>? layers)
    {
        var h = input;
        int block = 1;
        foreach (var (name, conv) in Convolutions)
        {
            var a = SmallConvolution.PerImage(h, conv.weight!, conv.bias!);
            var r = nn.functional.relu(a);
            layers?.Add(new LayerOutput(name, "Conv2d", a));
            layers?.Add(new LayerOutput($"relu{block++}", "ReLU", r));
            h = nn.functional.max_pool2d(r, 2, 2);
        }
        return linear.forward(h.flatten(1));
    }

    public Tensor Probabilities(Tensor input) => nn.functional.softmax(forward(input), 1);

    public IReadOnlyList<string> HiddenNames { get; } = ["relu1", "relu2", "relu3", "relu4"];

    /// <summary>
    /// relu1 = ReLU(conv1(x)); relu_k = ReLU(conv_k(pool(relu_{k−1}))); logits = linear(flatten(pool(relu4))). the four
    /// convolutions run as <see cref="DenseConvolution"/> maps (read from the weights when this property is read): the segments
    /// serve FEI and the internal-faithfulness metrics, which differentiate with respect to the input only.
    /// </summary>
    public IReadOnlyList<Func<Tensor, Tensor>> Segments => DenseSegments(cropped: false);

    /// <summary>
    /// <see cref="Segments"/> without the output rows and columns no max-pool reads (conv1 9×9 → 8×8, conv2 5×5 → 4×4, conv3
    /// 3×3 → 2×2; conv4's 2×2 is pooled whole): 352 hidden units a row instead of 476, the same logits and input gradient.
    /// </summary>
    public IReadOnlyList<Func<Tensor, Tensor>> GradientSegments => DenseSegments(cropped: true);

    /// <summary>The four convolutions as dense maps, cropped to what the next max-pool reads or whole.</summary>
    (Func<Tensor, Tensor> First, Func<Tensor, Tensor> Second, Func<Tensor, Tensor> Third, Func<Tensor, Tensor> Fourth) DenseMaps(bool cropped) =>
        (DenseConvolution.Of(conv1, 1, 8, 8, cropped ? 8 : null), DenseConvolution.Of(conv2, Channels, 4, 4, cropped ? 4 : null),
            DenseConvolution.Of(conv3, Channels, 2, 2, cropped ? 2 : null), DenseConvolution.Of(conv4, Channels, 1, 1));

    IReadOnlyList<Func<Tensor, Tensor>> DenseSegments(bool cropped)
    {
        var (first, second, third, fourth) = DenseMaps(cropped);
        return
        [
            x => nn.functional.relu(first(x)),
            h => nn.functional.relu(second(Pool(h))),
            h => nn.functional.relu(third(Pool(h))),
            h => nn.functional.relu(fourth(Pool(h))),
            h => linear.forward(Pool(h).flatten(1)),
        ];
    }

    /// <summary>
    /// <see cref="GradientSegments"/> with each max-pool as a first step differentiated by <see cref="MaxPool2x2"/> (where it
    /// applies; elsewhere by autograd through <see cref="PoolAsOnePlane"/>): the same values and gradients.
    /// </summary>
    public IReadOnlyList<SplitSegment> SplitGradientSegments
    {
        get
        {
            var (first, second, third, fourth) = DenseMaps(cropped: true);
            return
            [
                new(null, x => nn.functional.relu(first(x))),
                new(PoolByHand, p => nn.functional.relu(second(p))),
                new(PoolByHand, p => nn.functional.relu(third(p))),
                new(PoolByHand, p => nn.functional.relu(fourth(p))),
                new(PoolByHand, p => linear.forward(p.flatten(1))),
            ];
        }
    }

    /// <summary>max_pool2d(h, 2, 2): <see cref="MaxPool2x2"/> when no gradient is recorded and it applies, else <see cref="PoolAsOnePlane"/>.</summary>
    static Tensor Pool(Tensor h) =>
        (!is_grad_enabled() || !h.requires_grad) && MaxPool2x2.Applies(h) ? MaxPool2x2.Forward(h) : PoolAsOnePlane(h);

    static (Tensor Output, Func<Tensor, Tensor> Backward) PoolByHand(Tensor h)
    {
        if (MaxPool2x2.Applies(h))
        {
            var (values, choice) = MaxPool2x2.ForwardWithChoice(h.detach());
            return (values, g => MaxPool2x2.Backward(g, choice));
        }
        var pooled = PoolAsOnePlane(h);
        return (pooled, g => autograd.grad([pooled], [h], [g])[0]);
    }

    /// <summary>
    /// max_pool2d(h, 2, 2) for h [N, C, H, W]: with H even, computed as one plane [1, 1, N·C·H, W]. No window then
    /// straddles two images or channels, so every window, its scan order and the element the gradient goes to are
    /// max_pool2d's, and the values and gradients are its bits. libtorch's CPU kernel works plane by plane, and for 8×8
    /// and smaller planes that loop cost 3× the pooling itself (about a third of FEI's time on CNN8by8). With H odd (the
    /// full 9×9 and 5×5 outputs) the rows would first have to be copied without the last one, which gained nothing
    /// measurable (ImageBenchmarks), so those take max_pool2d itself. The segments take <see cref="MaxPool2x2"/> instead
    /// wherever no autograd graph has to record the pool.
    /// </summary>
    public static Tensor PoolAsOnePlane(Tensor h)
    {
        var (n, c, height, width) = (h.shape[0], h.shape[1], h.shape[2], h.shape[3]);
        if (height % 2 != 0 || !h.is_contiguous()) return nn.functional.max_pool2d(h, 2, 2);
        return nn.functional.max_pool2d(h.view(1, 1, n * c * height, width), 2, 2).view(n, c, height / 2, width / 2);
    }
}
