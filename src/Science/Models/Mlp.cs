using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Models;

/// <summary>
/// The SPEC's classifier: input → hidden… → classes, ReLU between Linear layers, no BatchNorm or Dropout.
/// Layers are exposed in order so rule-based methods (DeepLIFT/SHAP) can walk them.
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>, ISegmentedModel
{
    readonly ModuleList<nn.Module<Tensor, Tensor>> layers;

    public Mlp(int inputs, IReadOnlyList<int> hidden, int classes, int seed) : base("mlp")
    {
        Inputs = inputs;
        Classes = classes;
        Hidden = hidden.ToArray();
        layers = new ModuleList<nn.Module<Tensor, Tensor>>();
        int width = inputs;
        foreach (int h in hidden)
        {
            layers.Add(nn.Linear(width, h));
            layers.Add(nn.ReLU());
            width = h;
        }
        layers.Add(nn.Linear(width, classes));
        RegisterComponents();
        Initialize(seed);
    }

    public int Inputs { get; }
    public int Classes { get; }
    public int[] Hidden { get; }
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Layers => layers.ToList();

    public IReadOnlyList<string> HiddenNames => Enumerable.Range(1, Hidden.Length).Select(k => $"relu{k}").ToList();

    /// <summary>h_k = ReLU(Linear_k(h_{k−1})) for each hidden layer, then the output Linear.</summary>
    public IReadOnlyList<Func<Tensor, Tensor>> Segments
    {
        get
        {
            var segments = new List<Func<Tensor, Tensor>>();
            for (int k = 0; k < Hidden.Length; k++)
            {
                var linear = layers[2 * k];
                var relu = layers[2 * k + 1];
                bool first = k == 0;
                segments.Add(h => relu.forward(linear.forward(first && h.dim() > 2 ? h.flatten(1) : h)));
            }
            var output = layers[layers.Count - 1];
            segments.Add(h => output.forward(h));
            return segments;
        }
    }

    public override Tensor forward(Tensor input)
    {
        var h = input.dim() > 2 ? input.flatten(1) : input;
        foreach (var layer in layers) h = layer.forward(h);
        return h;
    }

    /// <summary>
    /// PyTorch's default Linear initialisation, U(−1/√fan_in, 1/√fan_in) for weights and biases, drawn from
    /// a seeded System.Random instead of torch's global generator so parallel units stay deterministic.
    /// </summary>
    void Initialize(int seed)
    {
        var random = new Random(seed);
        using var noGrad = no_grad();
        foreach (var linear in layers.OfType<Linear>())
        {
            int fanIn = (int)linear.weight!.shape[1];
            double bound = 1.0 / Math.Sqrt(fanIn);
            Fill(linear.weight!, random, bound);
            Fill(linear.bias!, random, bound);
        }
    }

    static void Fill(Tensor parameter, Random random, double bound)
    {
        var values = new float[parameter.numel()];
        for (int i = 0; i < values.Length; i++) values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        using var source = tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }
}
