using Agop.Science.Images.Models;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Images.Training;

/// <summary>
/// G CNN8by8s side by side: each parameter stacked as [G, …] in <see cref="CnnWeights"/> order, applied to inputs
/// [G, batch, 1, 8, 8] with G-batched products, so one step costs about one model's operations and the per-operation
/// overhead that dominates a 234-parameter model is paid once for the group.
/// </summary>
/// <remarks>
/// The layers are <see cref="SmallConvolution"/>'s, on activations [G, C, H, W, batch]. Every operation works on each member's slice on its own with the same
/// shapes whatever G is (the products are per-member matrix products, the reductions run along a member's own rows,
/// the loss is a sum of per-member means), so with one thread a member's numbers do not depend on its group
/// (GroupedImageTrainingTests).
/// </remarks>
public sealed class StackedCnn : IDisposable
{
    static readonly (long In, long Out)[] ConvChannels = [(1, Cnn8by8.Channels), (Cnn8by8.Channels, Cnn8by8.Channels),
        (Cnn8by8.Channels, Cnn8by8.Channels), (Cnn8by8.Channels, Cnn8by8.Channels)];

    readonly Tensor[] _parameters;

    /// <param name="initial">Each member's starting weights (<see cref="CnnWeights"/> layout, 234 values).</param>
    public StackedCnn(IReadOnlyList<float[]> initial, Device device)
    {
        if (initial.Count == 0) throw new ArgumentException("a stack needs at least one member", nameof(initial));
        Members = initial.Count;
        var shapes = ParameterShapes();
        long total = shapes.Sum(s => s.Aggregate(1L, (a, b) => a * b));
        if (initial.Any(w => w.Length != total)) throw new ArgumentException($"each member needs {total} weights", nameof(initial));
        _parameters = new Tensor[shapes.Count];
        long offset = 0;
        for (int p = 0; p < shapes.Count; p++)
        {
            long count = shapes[p].Aggregate(1L, (a, b) => a * b);
            var values = initial.SelectMany(w => w.AsSpan((int)offset, (int)count).ToArray()).ToArray();
            _parameters[p] = tensor(values, [Members, .. shapes[p]], device: device).requires_grad_(true);
            offset += count;
        }
    }

    StackedCnn(Tensor[] parameters)
    {
        _parameters = parameters;
        Members = (int)parameters[0].shape[0];
    }

    public int Members { get; }

    /// <summary>Leaf tensors [G, …] in <see cref="CnnWeights"/> order (conv1 weight and bias, …, linear weight and bias).</summary>
    public IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>The shapes of one member's parameters, in <see cref="CnnWeights"/> order.</summary>
    public static IReadOnlyList<long[]> ParameterShapes() =>
    [
        .. ConvChannels.SelectMany(c => new[] { new[] { c.Out, c.In, 2L, 2L }, new[] { c.Out } }),
        [2, Cnn8by8.Channels], [2],
    ];

    /// <summary>The logits [G, batch, 2] of inputs [G, batch, 1, 8, 8] (or [G, batch, 8, 8]), differentiable in the parameters.</summary>
    public Tensor Logits(Tensor x)
    {
        long g = Members, batch = x.shape[1];
        var h = x.reshape(g, batch, 1, x.shape[^2], x.shape[^1]).permute(0, 2, 3, 4, 1).contiguous();
        for (int layer = 0; layer < 4; layer++)
            h = !is_grad_enabled() && ShiftedColumns.Applies(h)
                ? LayerWithoutAutograd(h, layer)
                // relu(pool(a)) = pool(relu(a)), values and gradients alike (max and ReLU commute); pooling first does ReLU on a quarter.
                : nn.functional.relu(SmallConvolution.Pool(SmallConvolution.Apply(h, _parameters[2 * layer], _parameters[2 * layer + 1])));
        var features = h.view(g, Cnn8by8.Channels, batch);
        var logits = _parameters[8].bmm(features).Plus(_parameters[9].view(g, 2, 1));
        return logits.transpose(1, 2);
    }

    /// <summary>
    /// Each member's losses [G] (<paramref name="memberLosses"/> of the logits [G, batch, 2]) and the gradients of their sum
    /// with respect to <see cref="Parameters"/>: the numbers of <c>autograd.grad([memberLosses(Logits(x)).sum()], Parameters)</c>,
    /// bit for bit. On CPU memory each layer's columns (<see cref="ShiftedColumns"/>) and its pool and ReLU
    /// (<see cref="PooledRelu"/>) are computed and differentiated by hand, and autograd differentiates only the products,
    /// layer by layer, with each layer's columns a leaf.
    /// </summary>
    public (Tensor Losses, IReadOnlyList<Tensor> Gradients) LossAndGradients(Tensor x, Func<Tensor, Tensor> memberLosses)
    {
        long g = Members, batch = x.shape[1];
        var h = x.reshape(g, batch, 1, x.shape[^2], x.shape[^1]).permute(0, 2, 3, 4, 1).contiguous();
        if (!ShiftedColumns.Applies(h))
        {
            var losses = memberLosses(Logits(x));
            return (losses, autograd.grad([losses.sum()], _parameters.ToList()).ToList());
        }
        var layers = new (long[] InputShape, Tensor Columns, Tensor Product, Tensor Output, PooledRelu.Choice? Choice)[4];
        for (int layer = 0; layer < 4; layer++)
        {
            var (columns, product, output, choice) = LayerByHand(h, layer, columnsLeaf: layer > 0);
            layers[layer] = (h.shape, columns, product, output, choice);
            h = choice is null ? output.detach().contiguous() : output;
        }
        var features = h.requires_grad_(true);
        var logits = _parameters[8].bmm(features.view(g, Cnn8by8.Channels, batch)).Plus(_parameters[9].view(g, 2, 1)).transpose(1, 2);
        var memberLoss = memberLosses(logits);
        var gradients = new Tensor[_parameters.Length];
        var head = autograd.grad([memberLoss.sum()], [_parameters[8], _parameters[9], features]);
        (gradients[8], gradients[9]) = (head[0], head[1]);
        var upstream = head[2];
        for (int layer = 3; layer >= 0; layer--)
        {
            var (inputShape, columns, product, output, choice) = layers[layer];
            if (choice is not null) upstream = PooledRelu.Backward(upstream, output, choice);
            Tensor[] wrt = layer > 0 ? [_parameters[2 * layer], _parameters[2 * layer + 1], columns] : [_parameters[2 * layer], _parameters[2 * layer + 1]];
            var layerGradients = autograd.grad([product], wrt, [upstream]);
            (gradients[2 * layer], gradients[2 * layer + 1]) = (layerGradients[0], layerGradients[1]);
            if (layer > 0) upstream = ShiftedColumns.Backward(layerGradients[2], inputShape);
            choice?.Dispose();
        }
        return (memberLoss, gradients);
    }

    /// <summary>
    /// One layer with hand-made columns (a leaf that records its gradient when <paramref name="columnsLeaf"/>) and autograd's
    /// product, then relu(pool) by <see cref="PooledRelu"/> (its <c>Choice</c> returned) or, where that does not apply, by
    /// libtorch under autograd (<c>Output</c> is then what autograd differentiates, and no choice).
    /// </summary>
    (Tensor Columns, Tensor Product, Tensor Output, PooledRelu.Choice? Choice) LayerByHand(Tensor h, int layer, bool columnsLeaf)
    {
        var columns = ShiftedColumns.Forward(h);
        if (columnsLeaf) columns.requires_grad_(true);
        var product = Convolve(columns, _parameters[2 * layer], _parameters[2 * layer + 1]);
        if (!PooledRelu.Applies(product))
        {
            var output = nn.functional.relu(SmallConvolution.Pool(product));
            return (columns, output, output, null);
        }
        var (values, choice) = PooledRelu.Forward(product.detach());
        return (columns, product, values, choice);
    }

    /// <summary>A layer's values where nothing records them (validation): <see cref="LayerByHand"/>'s, the same values in fewer passes.</summary>
    Tensor LayerWithoutAutograd(Tensor h, int layer)
    {
        var (_, _, output, choice) = LayerByHand(h, layer, columnsLeaf: false);
        choice?.Dispose();
        return output;
    }

    /// <summary><see cref="SmallConvolution.Apply"/>'s product on columns [G, C_in, 4, H + 1, W + 1, batch]: [G, C_out, H + 1, W + 1, batch].</summary>
    static Tensor Convolve(Tensor columns, Tensor weight, Tensor bias)
    {
        long g = columns.shape[0], cin = columns.shape[1], height = columns.shape[3], width = columns.shape[4], batch = columns.shape[5], cout = weight.shape[1];
        return weight.reshape(g, cout, cin * 4).baddbmm(columns.view(g, cin * 4, height * width * batch), bias.reshape(g, cout, 1))
            .view(g, cout, height, width, batch);
    }

    /// <summary>Every member's weights as one host array per member (<see cref="CnnWeights"/> layout).</summary>
    public float[][] Weights()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var flat = cat(_parameters.Select(p => p.detach().reshape(Members, -1)).ToArray(), 1).cpu();
        long width = flat.shape[1];
        var values = flat.data<float>().ToArray();
        return Enumerable.Range(0, Members).Select(m => values.AsSpan((int)(m * width), (int)width).ToArray()).ToArray();
    }

    /// <summary>The stack of the <paramref name="keep"/> members only (copies, in that order); this stack is left as it was.</summary>
    public StackedCnn Subset(IReadOnlyList<long> keep)
    {
        using var noGrad = no_grad();
        using var index = tensor(keep.ToArray(), device: _parameters[0].device);
        return new StackedCnn(_parameters.Select(p => p.index_select(0, index).requires_grad_(true)).ToArray());
    }

    public void Dispose()
    {
        foreach (var p in _parameters) p.Dispose();
    }
}
