using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Training;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using Agop.Statistics;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Images;

/// <summary>
/// One CNN8by8 per (scenario, background, seed), trained on XT's schedule (SPEC §10.3), keeping the weights of every tracked epoch
/// for FitAgopImage's diag(M) trace; the AGOP target and output enter its key only under the online hook, which accumulates in training.
/// </summary>
[DependsOn(typeof(GenerateImageTarget))]
public sealed class TrainImageTarget : ImageTarget
{
    /// <param name="OnlineTarget">Online hook only (null otherwise): the AGOP target it accumulates.</param>
    /// <param name="OnlineOutput">Online hook only (null otherwise): the output whose gradient it accumulates.</param>
    public sealed record Settings(ImageTrainSettings Train, int TrackEvery, string? OnlineTarget, string? OnlineOutput, int Seed, string Device);

    public override string Description => "train CNN8by8 (Adam, early stopping) with the training-time AGOP hook";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
        {
            var settings = plan.Read(c =>
            {
                bool online = c.String("image.agop.hook") == "online";
                return new Settings(
                    new ImageTrainSettings((int)c.Int("image.train.epochs"), (int)c.Int("image.train.batch_size"), c.Double("image.train.lr"),
                        (int)c.Int("image.train.patience"), c.Bool("image.train.double_softmax")),
                    (int)c.Int("image.agop.track_every"), online ? c.String("image.agop.target") : null, online ? c.String("image.attr_output") : null,
                    cell.Seed, c.Note("device", plan.Settings.Device));
            });
            yield return Unit(plan, TrainImageId(cell), settings, [In("data", plan.Unit(GenerateImageId(cell)))], static (context, s) =>
            {
                var device = TorchRuntime.Use(context.Threads, s.Device);
                var data = ImageDatasetArtifact.Read(context.Input("data"));
                long[] shape = [1, data.Size, data.Size];
                using var scope = NewDisposeScope();
                Tensor Images(Agop.Science.Images.Data.ImageSplit split) => tensor(split.X, [split.Count, .. shape], device: device);
                Tensor Labels(Agop.Science.Images.Data.ImageSplit split) => tensor(split.Y, [split.Count], device: device);
                var hook = new AgopHookSettings(s.TrackEvery, s.OnlineTarget is { } target
                    ? new OnlineAgop(AgopDiagonal.ParseTarget(target), ExplainedOutputs.Parse(s.OnlineOutput!)) : null);
                var clock = Stopwatch.StartNew();
                var result = ImageTrainer.Train(Images(data.Train), Labels(data.Train), Images(data.Val), Labels(data.Val), s.Train, hook, s.Seed, context.Report);
                double seconds = clock.Elapsed.TotalSeconds;
                using var model = result.Model;
                float[] probabilities;
                using (no_grad()) probabilities = model.Probabilities(Images(data.Test)).cpu().data<float>().ToArray();
                var (accuracy, confidence) = Quality(probabilities, data.Test.Y);
                var log = new ImageTrainingLog(result.EpochsRun, result.EpochKept, accuracy, confidence,
                    result.Checkpoints.Select(t => t.Epoch).ToArray(), result.Log.ToArray());
                ImageModelArtifact.Write(context.OutputDirectory, result, probabilities, log, [1, data.Size, data.Size]);
                context.Record("train_seconds", seconds);
                context.Record("hook_seconds", result.HookSeconds);
            });
        }
    }

    /// <summary>Test accuracy and mean confidence (probability of the predicted class).</summary>
    static (double Accuracy, double Confidence) Quality(float[] probabilities, long[] labels) =>
        (Classification.Accuracy(probabilities, labels, 2),
         Enumerable.Range(0, labels.Length).Average(i => (double)Math.Max(probabilities[2 * i], probabilities[2 * i + 1])));
}
