using Agop.Science.Data;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// <see cref="Trainer.Train"/> for G tables of one shape and one set of labels (e.g. ROAR's retrainings of one dataset and
/// seed, each with other features replaced by their mean), as one <see cref="StackedMlp"/>: the same initial weights, the
/// same batch order, one optimiser step for all. The loss is the sum over members of each member's batch-mean
/// cross-entropy, so each member's gradient is the one its separate training would have.
/// </summary>
/// <remarks>
/// On the CPU a group trains on one torch thread whatever the unit's thread count: with more, libtorch hands a batch of one
/// matrix product to a plain BLAS call, which may split its sums over threads, and a batch of several to a batched call,
/// which splits them otherwise, so a member's last bits would depend on how many others share its group (seen with two
/// threads; GroupedTrainerTests).
/// </remarks>
public static class GroupedTrainer
{
    public static IReadOnlyList<Mlp> Train(IReadOnlyList<TabularData> members, TrainSettings settings, int seed, Device device,
        Action<double, string?>? progress = null)
    {
        var first = members.Count > 0 ? members[0] : throw new ArgumentException("a group needs at least one table", nameof(members));
        if (members.Any(m => m.Features != first.Features || m.Classes != first.Classes || !m.TrainY.AsSpan().SequenceEqual(first.TrainY)))
            throw new ArgumentException("the tables of a group must share their shape and training labels", nameof(members));
        bool cpu = device.type == DeviceType.CPU;
        int threads = torch.get_num_threads();
        if (cpu) torch.set_num_threads(1);
        try
        {
            return TrainStacked(members, settings, seed, device, perMemberSteps: cpu, progress);
        }
        finally
        {
            if (cpu) torch.set_num_threads(threads);
        }
    }

    static IReadOnlyList<Mlp> TrainStacked(IReadOnlyList<TabularData> members, TrainSettings settings, int seed, Device device, bool perMemberSteps,
        Action<double, string?>? progress)
    {
        int g = members.Count, n = members[0].TrainCount;
        using var template = new Mlp(members[0].Features, settings.Hidden, members[0].Classes, seed);
        using var model = new StackedMlp(template, g, device);
        using var x = StackRows(members, device);
        using var y = tensor(members[0].TrainY, [n], device: device);
        using var optimizer = new GroupedAdam(model.Parameters, settings.LearningRate, perMemberSteps);
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        var shuffle = new Random(unchecked(seed * 7919 + 17));
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            shuffle.Shuffle(order);
            using var permutation = tensor(order, device: device);
            // Summed on the device and read once per epoch: a read per step would make the host wait for every step on a GPU.
            using var lossSum = zeros(1, device: device);
            for (int start = 0; start < n; start += settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(settings.BatchSize, n - start);
                var index = permutation.narrow(0, start, count);
                var labels = y.index_select(0, index);
                var (loss, gradients) = model.LossAndGradients(x.index_select(1, index), logits => SummedLoss(logits, labels));
                optimizer.Step(gradients);
                using var weight = ((double)count / g).ToScalar();
                lossSum.add_(loss.detach(), alpha: weight);
            }
            progress?.Invoke((epoch + 1.0) / settings.Epochs, $"epoch {epoch + 1}/{settings.Epochs} mean loss of {g} {lossSum.item<float>() / n:0.0000}");
        }
        return Enumerable.Range(0, g).Select(k => model.Member(k, seed, device)).ToList();
    }

    /// <summary>Σ_g mean_b CE(logits[g, b], y[b]) for logits [G, B, C].</summary>
    static Tensor SummedLoss(Tensor logits, Tensor labels)
    {
        long groups = logits.shape[0], batch = logits.shape[1];
        var perRow = nn.functional.cross_entropy(logits.reshape(groups * batch, logits.shape[2]), labels.repeat(groups), reduction: nn.Reduction.None);
        return perRow.view(groups, batch).mean([1]).sum();
    }

    static Tensor StackRows(IReadOnlyList<TabularData> members, Device device)
    {
        using var scope = NewDisposeScope();
        return stack(members.Select(m => tensor(m.TrainX, [m.TrainCount, m.Features], device: device)).ToArray()).MoveToOuterDisposeScope();
    }
}
