using System.Diagnostics;
using Agop.Science.Data;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Models;
using Agop.Science.Torch;
using Agop.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Images.Training;

/// <summary>One CNN8by8 to train: its data (resident on the compute device), its seed and where its progress goes.</summary>
/// <param name="EpochEnd">Called with the live weights (<see cref="CnnWeights"/> layout) after each epoch's validation.</param>
public sealed record ImageTrainingMember(Tensor TrainX, Tensor TrainY, Tensor ValX, Tensor ValY, int Seed, Action<double, string?>? Progress = null,
    Action<int, float[]>? EpochEnd = null);

/// <summary>
/// Trains CNN8by8 as XT does (SPEC §10.3): batches reshuffled every epoch (last partial batch kept); after each epoch the
/// validation loss (sum over unshuffled batches of the batch-mean loss) decides whether the weights are kept (ties go to the
/// later epoch); stop after <c>Patience</c> consecutive epochs above the best. The AGOP hook keeps the tracked epochs' weights
/// (and, online, accumulates g² per batch).
/// </summary>
/// <remarks>
/// Several models train together as one <see cref="StackedCnn"/>, each with its own data, initial weights, shuffling stream,
/// Adam state, validation and early stopping; a member that stops leaves the stack. A model trained alone is a group of
/// one. With one thread, a member's weights, log and checkpoints are bit-identical whatever group it trains in
/// (StackedCnnTests), so grouping is a matter of speed only; on the CPU the group runs on one torch thread for that reason
/// (as <see cref="GroupedTrainer"/> does).
/// </remarks>
public static class ImageTrainer
{
    /// <param name="trainX">Resident on the compute device for the whole run (no per-batch host transfers).</param>
    public static ImageTrainingResult Train(Tensor trainX, Tensor trainY, Tensor valX, Tensor valY, ImageTrainSettings settings,
        AgopHookSettings hook, int seed, Action<double, string?>? progress = null, Action<int, float[]>? epochEnd = null) =>
        Train([new ImageTrainingMember(trainX, trainY, valX, valY, seed, progress, epochEnd)], settings, hook)[0];

    /// <returns>One result per member, in order.</returns>
    public static IReadOnlyList<ImageTrainingResult> Train(IReadOnlyList<ImageTrainingMember> members, ImageTrainSettings settings, AgopHookSettings hook)
    {
        if (members.Count == 0) throw new ArgumentException("a group needs at least one model to train", nameof(members));
        var first = members[0];
        if (members.Any(m => !m.TrainX.shape.SequenceEqual(first.TrainX.shape) || !m.ValX.shape.SequenceEqual(first.ValX.shape)))
            throw new ArgumentException("the models of a group must have training and validation sets of one shape", nameof(members));
        bool cpu = first.TrainX.device.type == DeviceType.CPU;
        if (cpu) NativeHeap.Tune();
        int threads = get_num_threads();
        if (cpu) set_num_threads(1);
        try
        {
            return new GroupTraining(members, settings, hook, cpu).Run();
        }
        finally
        {
            if (cpu) set_num_threads(threads);
        }
    }

    sealed class MemberState(ImageTrainingMember member)
    {
        public readonly ImageTrainingMember Member = member;
        public readonly long[] Order = Enumerable.Range(0, (int)member.TrainX.shape[0]).Select(i => (long)i).ToArray();
        public readonly Random Shuffle = SeedStream.Open(member.Seed, "shuffle");
        public readonly List<EpochRecord> Log = [];
        public readonly List<TrackedWeights> Checkpoints = [];
        public readonly List<TrackedDiagonal> Tracked = [];
        public readonly Stopwatch HookClock = new();
        public float[]? Best, OnlineKept;
        public double BestLoss = double.PositiveInfinity;
        public int KeptEpoch, SinceBest;
        public Cnn8by8? Shadow;
        public Tensor? Online;
        public ImageTrainingResult? Result;
    }

    sealed class GroupTraining(IReadOnlyList<ImageTrainingMember> members, ImageTrainSettings settings, AgopHookSettings hook, bool cpu)
    {
        readonly long _n = members[0].TrainX.shape[0];
        readonly long[] _imageShape = members[0].TrainX.shape.Skip(1).ToArray();

        public IReadOnlyList<ImageTrainingResult> Run()
        {
            var states = members.Select(m => new MemberState(m)).ToList();
            var active = states.ToList();
            var model = new StackedCnn(members.Select(m => Initial(m.Seed)).ToList(), members[0].TrainX.device);
            var optimizer = new GroupedAdam(model.Parameters, settings.LearningRate, perMember: cpu);
            var data = Stack(active);
            try
            {
                for (int epoch = 1; active.Count > 0; epoch++)
                {
                    double[] lossSums, valLoss, valAccuracy;
                    float[][] weights;
                    // Whatever an epoch leaves undisposed goes with it: the unit's own scope (TrainImage) would otherwise
                    // keep it to the end of the training (a worker grew by about 1.6 MB an epoch, to 1.2 GB).
                    using (NewDisposeScope())
                    {
                        lossSums = TrainEpoch(model, optimizer, data, active);
                        (valLoss, valAccuracy) = Validate(model, data, active.Count);
                        weights = model.Weights();
                        foreach (var s in active) s.Online?.MoveToOuterDisposeScope();
                    }
                    for (int k = 0; k < active.Count; k++) EndEpoch(active[k], epoch, lossSums[k] / _n, valLoss[k], valAccuracy[k], weights[k]);
                    if (active.All(s => s.Result is null)) continue;
                    var keep = Enumerable.Range(0, active.Count).Where(k => active[k].Result is null).Select(k => (long)k).ToList();
                    active = keep.Select(k => active[(int)k]).ToList();
                    if (active.Count == 0) break;
                    var nextModel = model.Subset(keep);
                    var nextOptimizer = optimizer.Subset(nextModel.Parameters, keep);
                    optimizer.Dispose();
                    model.Dispose();
                    (model, optimizer) = (nextModel, nextOptimizer);
                    data.Dispose();
                    data = Stack(active);
                }
            }
            finally
            {
                data.Dispose();
                optimizer.Dispose();
                model.Dispose();
                foreach (var s in states)
                {
                    s.Shadow?.Dispose();
                    s.Online?.Dispose();
                }
            }
            return states.Select(s => s.Result!).ToList();
        }

        static float[] Initial(int seed)
        {
            using var template = new Cnn8by8(seed);
            return CnnWeights.Flatten(template);
        }

        /// <summary>The active members' data, flattened: images [G·n, …] and labels [G·n] (validation alike).</summary>
        sealed record GroupData(Tensor TrainX, Tensor TrainY, Tensor ValX, Tensor ValY) : IDisposable
        {
            public void Dispose()
            {
                TrainX.Dispose();
                TrainY.Dispose();
                ValX.Dispose();
                ValY.Dispose();
            }
        }

        static GroupData Stack(IReadOnlyList<MemberState> active)
        {
            using var noGrad = no_grad();
            Tensor Cat(Func<ImageTrainingMember, Tensor> pick) => cat(active.Select(s => pick(s.Member)).ToArray(), 0);
            return new GroupData(Cat(m => m.TrainX), Cat(m => m.TrainY), Cat(m => m.ValX), Cat(m => m.ValY));
        }

        /// <returns>Each active member's Σ over batches of (batch-mean loss × batch size).</returns>
        double[] TrainEpoch(StackedCnn model, GroupedAdam optimizer, GroupData data, IReadOnlyList<MemberState> active)
        {
            int g = active.Count;
            var order = new long[g * _n];
            for (int k = 0; k < g; k++)
            {
                active[k].Shuffle.Shuffle(active[k].Order);
                for (long i = 0; i < _n; i++) order[k * _n + i] = active[k].Order[i] + k * _n;
            }
            foreach (var s in active.Where(_ => hook.Online is not null))
                s.Online = zeros(_imageShape, device: data.TrainX.device);
            using var permutation = tensor(order, [g, _n], device: data.TrainX.device);
            // Summed on the device and read once per epoch: a read per step would make the host wait for every step on a GPU.
            using var lossSums = zeros(g, dtype: ScalarType.Float64, device: data.TrainX.device);
            for (long start = 0; start < _n; start += settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                long count = Math.Min(settings.BatchSize, _n - start);
                var index = permutation.narrow(1, start, count).reshape(-1);
                var x = data.TrainX.index_select(0, index).view([g, count, .. _imageShape]);
                var y = data.TrainY.index_select(0, index).view(g, count);
                if (hook.Online is { } online) AccumulateOnline(model, active, x, y, online);
                var (losses, gradients) = model.LossAndGradients(x, logits => MemberLosses(logits, y));
                optimizer.Step(gradients);
                using var weight = ((double)count).ToScalar();
                lossSums.add_(losses.detach().to(ScalarType.Float64), alpha: weight);
            }
            return lossSums.cpu().data<double>().ToArray();
        }

        /// <summary>The online hook: each member's Σ g² over the batch, at its weights before the step (as a separate model's).</summary>
        void AccumulateOnline(StackedCnn model, IReadOnlyList<MemberState> active, Tensor x, Tensor y, OnlineAgop online)
        {
            var weights = model.Weights();
            for (int k = 0; k < active.Count; k++)
            {
                var s = active[k];
                s.HookClock.Start();
                if (s.Shadow is null)
                {
                    s.Shadow = new Cnn8by8(s.Member.Seed);
                    s.Shadow.to(x.device);
                }
                CnnWeights.Load(s.Shadow, weights[k]);
                s.Online!.PlusInPlace(AgopDiagonal.SquaredGradientSum(s.Shadow.forward, x[k], online.Target, online.Output, y[k]));
                s.HookClock.Stop();
            }
        }

        /// <summary>Each member's batch-mean loss [G] for logits [G, batch, 2] and labels [G, batch].</summary>
        Tensor MemberLosses(Tensor logits, Tensor labels)
        {
            long g = logits.shape[0], batch = logits.shape[1];
            var input = logits.reshape(g * batch, 2);
            if (settings.DoubleSoftmax) input = nn.functional.softmax(input, 1);
            return nn.functional.cross_entropy(input, labels.reshape(-1), reduction: nn.Reduction.None).view(g, batch).mean([1]);
        }

        /// <returns>Per member: the sum over unshuffled batches of the batch-mean loss, and the accuracy.</returns>
        (double[] Loss, double[] Accuracy) Validate(StackedCnn model, GroupData data, int g)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            long n = data.ValY.shape[0] / g;
            var x = data.ValX.view([g, n, .. _imageShape]);
            var y = data.ValY.view(g, n);
            var batchLosses = new List<Tensor>();
            var correct = zeros(g, dtype: ScalarType.Int64, device: x.device);
            for (long start = 0; start < n; start += settings.BatchSize)
            {
                long count = Math.Min(settings.BatchSize, n - start);
                var logits = model.Logits(x.narrow(1, start, count));
                var labels = y.narrow(1, start, count);
                batchLosses.Add(MemberLosses(logits, labels));
                correct.PlusInPlace(logits.argmax(2).eq(labels).sum(dim: 1));
            }
            var losses = stack(batchLosses, 0).cpu().data<float>().ToArray();
            var right = correct.cpu().data<long>().ToArray();
            var loss = new double[g];
            for (int b = 0; b < batchLosses.Count; b++)
                for (int k = 0; k < g; k++) loss[k] += losses[b * g + k];
            return (loss, right.Select(r => r / (double)n).ToArray());
        }

        void EndEpoch(MemberState s, int epoch, double trainLoss, double valLoss, double valAccuracy, float[] weights)
        {
            s.Log.Add(new EpochRecord(epoch, trainLoss, valLoss, valAccuracy));
            s.Member.EpochEnd?.Invoke(epoch, weights);
            float[]? onlineDiag = null;
            if (s.Online is not null)
            {
                using var count = ((double)_n).ToScalar();
                onlineDiag = s.Online.div_(count).cpu().data<float>().ToArray();
                s.Online.Dispose();
                s.Online = null;
            }
            if (epoch % hook.TrackEvery == 0)
            {
                s.Checkpoints.Add(new TrackedWeights(epoch, weights));
                if (onlineDiag is not null) s.Tracked.Add(new TrackedDiagonal(epoch, onlineDiag));
            }
            if (valLoss <= s.BestLoss)
            {
                s.BestLoss = valLoss;
                s.KeptEpoch = epoch;
                s.SinceBest = 0;
                s.Best = weights;
                s.OnlineKept = onlineDiag;
            }
            else s.SinceBest++;
            s.Member.Progress?.Invoke(epoch / (double)settings.Epochs,
                $"epoch {epoch}/{settings.Epochs} loss {trainLoss:0.0000} val {valLoss:0.0000} acc {valAccuracy:0.000} (kept {s.KeptEpoch})");
            if (epoch < settings.Epochs && s.SinceBest < settings.Patience) return;
            var model = new Cnn8by8(s.Member.Seed);
            model.to(s.Member.TrainX.device);
            CnnWeights.Load(model, s.Best!);
            model.eval();
            s.Result = new ImageTrainingResult(model, epoch, s.KeptEpoch, s.Log, s.Checkpoints, s.Tracked, s.OnlineKept, s.HookClock.Elapsed.TotalSeconds);
        }
    }
}
