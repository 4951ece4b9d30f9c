using Agop.Science.Models;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>A hand-set float64 MLP as an <see cref="ISegmentedModel"/>: ReLU(W h + b) per hidden layer, then a plain Linear.</summary>
internal sealed class HandNet(params (double[,] Weight, double[] Bias)[] layers) : ISegmentedModel
{
    readonly (Tensor Weight, Tensor Bias)[] parameters = layers.Select(l => (Matrix(l.Weight), tensor(l.Bias, dtype: ScalarType.Float64))).ToArray();

    public IReadOnlyList<Func<Tensor, Tensor>> Segments =>
        parameters.Select((p, i) => i < parameters.Length - 1
            ? (Func<Tensor, Tensor>)(h => nn.functional.relu(h.flatten(1).matmul(p.Weight.t()).Plus(p.Bias)))
            : h => h.flatten(1).matmul(p.Weight.t()).Plus(p.Bias)).ToList();

    public IReadOnlyList<string> HiddenNames => Enumerable.Range(1, parameters.Length - 1).Select(k => $"relu{k}").ToList();

    public Tensor Forward(Tensor x)
    {
        var h = x;
        foreach (var segment in Segments) h = segment(h);
        return h;
    }

    static Tensor Matrix(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flat = new double[rows * columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) flat[i * columns + j] = values[i, j];
        return tensor(flat, [rows, columns], dtype: ScalarType.Float64);
    }
}
