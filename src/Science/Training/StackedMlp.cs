using Agop.Science.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// G copies of one <see cref="Mlp"/> trained side by side: each Linear layer's weights stacked as [G, out, in] and biases as
/// [G, out], applied with batched matrix products to inputs shaped [G, batch, in].
/// </summary>
/// <remarks>
/// The layers' backward pass is written out rather than left to autograd: autograd's bmm backward computes the weight
/// gradient as aᵀ·dz ([in, out]), while a Linear layer's computes dzᵀ·a ([out, in]); the BLAS kernels give those two
/// orientations different last bits. Written out, every product is the one the separate Linear layer computes, so a
/// member's numbers are those of its separate training (bit for bit here, with one thread); the loss's own backward pass is
/// still autograd's.
/// </remarks>
public sealed class StackedMlp : IDisposable
{
    readonly Tensor[] _weights;
    readonly Tensor[] _biases;

    public StackedMlp(Mlp template, int members, Device device)
    {
        Inputs = template.Inputs;
        Classes = template.Classes;
        Hidden = template.Hidden;
        Members = members;
        using var noGrad = no_grad();
        var linears = template.Layers.OfType<Linear>().ToList();
        _weights = linears.Select(l => Stack(l.weight!, members, device)).ToArray();
        _biases = linears.Select(l => Stack(l.bias!, members, device)).ToArray();
    }

    public int Inputs { get; }
    public int Classes { get; }
    public int[] Hidden { get; }
    public int Members { get; }

    /// <summary>In the order of <see cref="Mlp"/>'s parameters: weight and bias of each layer.</summary>
    public IReadOnlyList<Tensor> Parameters => _weights.Zip(_biases).SelectMany(pair => new[] { pair.First, pair.Second }).ToList();

    /// <summary>
    /// One forward and backward pass: <paramref name="loss"/> of the logits [G, batch, classes] for inputs [G, batch, in],
    /// and its gradient for each of <see cref="Parameters"/>.
    /// </summary>
    public (Tensor Loss, Tensor[] Gradients) LossAndGradients(Tensor x, Func<Tensor, Tensor> loss)
    {
        int layers = _weights.Length;
        var activations = new Tensor[layers];
        var h = x;
        for (int l = 0; l < layers; l++)
        {
            activations[l] = h;
            // TorchSharp's binding reads a.baddbmm(b, c) as c + a·b (THSTensor_baddbmm(batch1, batch2, mat)), unlike PyTorch's order.
            h = h.baddbmm(_weights[l].transpose(1, 2), _biases[l].unsqueeze(1));
            if (l < layers - 1) h = nn.functional.relu(h);
        }
        var logits = h.requires_grad_(true);
        var value = loss(logits);
        value.backward();
        var dz = logits.grad ?? throw new InvalidOperationException("the loss does not depend on the logits");
        var gradients = new Tensor[2 * layers];
        for (int l = layers - 1; l >= 0; l--)
        {
            gradients[2 * l] = dz.transpose(1, 2).bmm(activations[l]);
            gradients[2 * l + 1] = dz.sum(dim: 1);
            if (l == 0) break;
            // ReLU's backward: the activations are ReLU outputs, so their sign is its 0/1 mask (a boolean mask is 10× slower on the CPU).
            dz = dz.bmm(_weights[l]).mul_(activations[l].sign());
        }
        return (value, gradients);
    }

    /// <summary>Member <paramref name="g"/> as a plain <see cref="Mlp"/> on <paramref name="device"/>, in eval mode.</summary>
    public Mlp Member(int g, int seed, Device device)
    {
        var model = new Mlp(Inputs, Hidden, Classes, seed);
        model.to(device);
        using var noGrad = no_grad();
        foreach (var (linear, layer) in model.Layers.OfType<Linear>().Select((l, i) => (l, i)))
        {
            using var weight = _weights[layer][g];
            using var bias = _biases[layer][g];
            linear.weight!.copy_(weight);
            linear.bias!.copy_(bias);
        }
        model.eval();
        return model;
    }

    static Tensor Stack(Tensor parameter, int members, Device device)
    {
        using var scope = NewDisposeScope();
        var shape = new long[] { members }.Concat(parameter.shape).ToArray();
        return parameter.detach().to(device).unsqueeze(0).expand(shape).contiguous().DetachFromDisposeScope();
    }

    public void Dispose()
    {
        foreach (var p in _weights.Concat(_biases)) p.Dispose();
    }
}
