using static TorchSharp.torch;

namespace Agop.Science.Images.Models;

/// <summary>A CNN8by8's parameters as one flat array (234 values, <c>parameters()</c> order): the kept copy and the tracked checkpoints.</summary>
public static class CnnWeights
{
    public static float[] Flatten(Cnn8by8 model) => model.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    public static void Load(Cnn8by8 model, float[] weights)
    {
        using var noGrad = no_grad();
        long offset = 0;
        foreach (var parameter in model.parameters())
        {
            long count = parameter.numel();
            using var source = tensor(weights.AsSpan((int)offset, (int)count).ToArray(), device: parameter.device).reshape(parameter.shape);
            parameter.copy_(source);
            offset += count;
        }
        if (offset != weights.Length) throw new ArgumentException($"{weights.Length} weights for a model with {offset} parameters", nameof(weights));
    }
}
