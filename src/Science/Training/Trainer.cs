using Agop.Science.Data;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>Trains the MLP with Adam on cross-entropy, in seeded shuffled mini-batches.</summary>
public static class Trainer
{
    public static Mlp Train(TabularData data, TrainSettings settings, int seed, Device device, Action<double, string?>? progress = null)
    {
        var model = new Mlp(data.Features, settings.Hidden, data.Classes, seed);
        model.to(device);
        model.train();
        using var x = tensor(data.TrainX, [data.TrainCount, data.Features], device: device);
        using var y = tensor(data.TrainY, [data.TrainCount], device: device);
        using var optimizer = new AdamOptimizer(model.parameters(), settings.LearningRate);
        var order = Enumerable.Range(0, data.TrainCount).Select(i => (long)i).ToArray();
        var shuffle = new Random(unchecked(seed * 7919 + 17));
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            using var permutation = tensor(order, device: device);
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(settings.BatchSize, order.Length - start);
                var index = permutation.narrow(0, start, count);
                var loss = nn.functional.cross_entropy(model.forward(x.index_select(0, index)), y.index_select(0, index));
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                lossSum += loss.item<float>() * count;
            }
            progress?.Invoke((epoch + 1.0) / settings.Epochs, $"epoch {epoch + 1}/{settings.Epochs} loss {lossSum / order.Length:0.0000}");
        }
        model.eval();
        return model;
    }

    /// <summary>Softmax probabilities for every row, computed in batches without gradients.</summary>
    public static float[] Probabilities(Mlp model, float[] rows, int features, Device device, int batch = 8192)
    {
        int n = rows.Length / features;
        var output = new float[n * model.Classes];
        using var noGrad = no_grad();
        for (int start = 0; start < n; start += batch)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batch, n - start);
            var x = tensor(rows.AsSpan(start * features, count * features).ToArray(), [count, features], device: device);
            var p = nn.functional.softmax(model.forward(x), 1).cpu();
            p.data<float>().ToArray().CopyTo(output, start * model.Classes);
        }
        return output;
    }
}
