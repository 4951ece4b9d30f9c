using System.Diagnostics;
using Agop.Science.Attribution;
using Agop.Science.Data;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Models;
using Agop.Science.Torch;
using Agop.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Images.Training;

/// <summary>
/// Trains CNN8by8 as XT does (SPEC §10.3): batches reshuffled every epoch (last partial batch kept); after each epoch the
/// validation loss (sum over unshuffled batches of the batch-mean loss) decides whether the weights are kept (ties go to the
/// later epoch); stop after <c>Patience</c> consecutive epochs above the best. The AGOP hook keeps the tracked epochs' weights
/// (and, online, accumulates g² per batch).
/// </summary>
public static class ImageTrainer
{
    /// <param name="trainX">Resident on the compute device for the whole run (no per-batch host transfers).</param>
    /// <param name="epochEnd">Called with the live weights after each epoch's validation.</param>
    public static ImageTrainingResult Train(Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, ImageTrainSettings settings,
        AgopHookSettings hook, int seed, Action<double, string?>? progress = null, Action<int, Cnn8by8>? epochEnd = null)
    {
        var model = new Cnn8by8(seed);
        model.to(trainX.device);
        using var optimizer = new AdamOptimizer(model.parameters(), settings.LearningRate);
        int n = (int)trainX.shape[0];
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        var shuffle = SeedStream.Open(seed, "shuffle");
        var log = new List<EpochRecord>();
        var checkpoints = new List<TrackedWeights>();
        var tracked = new List<TrackedDiagonal>();
        float[]? best = null;
        float[]? onlineKept = null;
        double bestLoss = double.PositiveInfinity;
        int keptEpoch = 0, sinceBest = 0, epoch = 0;
        var hookClock = new Stopwatch();
        while (epoch < settings.Epochs && sinceBest < settings.Patience)
        {
            epoch++;
            model.train();
            shuffle.Shuffle(order);
            using var permutation = tensor(order, device: trainX.device);
            Tensor? online = hook.Online is not null ? zeros(trainX.shape.Skip(1).ToArray(), device: trainX.device) : null;
            double lossSum = 0;
            for (int start = 0; start < n; start += settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(settings.BatchSize, n - start);
                var index = permutation.narrow(0, start, count);
                var x = trainX.index_select(0, index);
                var y = trainY.index_select(0, index);
                if (online is not null)
                {
                    hookClock.Start();
                    online.PlusInPlace(AgopDiagonal.SquaredGradientSum(model.forward, x, hook.Online!.Target, hook.Online.Output, y));
                    hookClock.Stop();
                }
                var loss = Loss(model.forward(x), y, settings.DoubleSoftmax);
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step();
                lossSum += loss.item<float>() * count;
            }
            model.eval();
            var (valLoss, valAccuracy) = Validate(model, valX, valY, settings);
            log.Add(new EpochRecord(epoch, lossSum / n, valLoss, valAccuracy));
            float[]? onlineDiag = null;
            if (online is not null)
            {
                using var count = ((double)n).ToScalar();
                onlineDiag = online.div_(count).cpu().data<float>().ToArray();
                online.Dispose();
            }
            epochEnd?.Invoke(epoch, model);
            if (epoch % hook.TrackEvery == 0)
            {
                hookClock.Start();
                checkpoints.Add(new TrackedWeights(epoch, CnnWeights.Flatten(model)));
                if (onlineDiag is not null) tracked.Add(new TrackedDiagonal(epoch, onlineDiag));
                hookClock.Stop();
            }
            if (valLoss <= bestLoss)
            {
                bestLoss = valLoss;
                keptEpoch = epoch;
                sinceBest = 0;
                best = CnnWeights.Flatten(model);
                onlineKept = onlineDiag;
            }
            else sinceBest++;
            progress?.Invoke(epoch / (double)settings.Epochs,
                $"epoch {epoch}/{settings.Epochs} loss {lossSum / n:0.0000} val {valLoss:0.0000} acc {valAccuracy:0.000} (kept {keptEpoch})");
        }
        CnnWeights.Load(model, best!);
        model.eval();
        return new ImageTrainingResult(model, epoch, keptEpoch, log, checkpoints, tracked, onlineKept, hookClock.Elapsed.TotalSeconds);
    }

    static Tensor Loss(Tensor logits, Tensor labels, bool doubleSoftmax) =>
        nn.functional.cross_entropy(doubleSoftmax ? nn.functional.softmax(logits, 1) : logits, labels);

    static (double Loss, double Accuracy) Validate(Cnn8by8 model, Tensor x, Tensor y, ImageTrainSettings settings)
    {
        using var noGrad = no_grad();
        int n = (int)x.shape[0];
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < n; start += settings.BatchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(settings.BatchSize, n - start);
            var logits = model.forward(x.narrow(0, start, count));
            var labels = y.narrow(0, start, count);
            loss += Loss(logits, labels, settings.DoubleSoftmax).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }
        return (loss, correct / (double)n);
    }
}
