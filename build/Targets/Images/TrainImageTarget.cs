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

/// <summary>One CNN8by8 per (scenario, background, seed), trained on XT's schedule with the AGOP hook (SPEC §10.3–§10.4).</summary>
[DependsOn(typeof(GenerateImageTarget))]
public sealed class TrainImageTarget : ImageTarget
{
    public sealed record Settings(ImageTrainSettings Train, string Hook, int TrackEvery, string AgopTarget, string Output, int Seed, string Device);

    public override string Description => "train CNN8by8 (Adam, early stopping) with the training-time AGOP hook";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var cell in Cells(plan))
        {
            var settings = plan.Read(c => new Settings(
                new ImageTrainSettings((int)c.Int("image.train.epochs"), (int)c.Int("image.train.batch_size"), c.Double("image.train.lr"),
                    (int)c.Int("image.train.patience"), c.Bool("image.train.double_softmax")),
                c.String("image.agop.hook"), (int)c.Int("image.agop.track_every"), c.String("image.agop.target"), c.String("image.attr_output"), cell.Seed,
                c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, TrainImageId(cell), settings, [In("data", plan.Unit(GenerateImageId(cell)))], static (context, s) =>
            {
                var device = TorchRuntime.Use(context.Threads, s.Device);
                var data = ImageDatasetArtifact.Read(context.Input("data"));
                long[] shape = [1, data.Size, data.Size];
                using var scope = NewDisposeScope();
                Tensor Images(Agop.Science.Images.Data.ImageSplit split) => tensor(split.X, [split.Count, .. shape], device: device);
                Tensor Labels(Agop.Science.Images.Data.ImageSplit split) => tensor(split.Y, [split.Count], device: device);
                var hook = new AgopHookSettings(s.Hook == "online" ? AgopHookMode.Online : AgopHookMode.Checkpoint, s.TrackEvery,
                    AgopDiagonal.ParseTarget(s.AgopTarget), ExplainedOutputs.Parse(s.Output));
                var clock = Stopwatch.StartNew();
                var result = ImageTrainer.Train(Images(data.Train), Labels(data.Train), Images(data.Val), Labels(data.Val), s.Train, hook, s.Seed, context.Report);
                double seconds = clock.Elapsed.TotalSeconds;
                using var model = result.Model;
                float[] probabilities;
                using (no_grad()) probabilities = model.Probabilities(Images(data.Test)).cpu().data<float>().ToArray();
                var (accuracy, confidence) = Quality(probabilities, data.Test.Y);
                var log = new ImageTrainingLog(result.EpochsRun, result.EpochKept, accuracy, confidence,
                    result.Tracked.Select(t => t.Epoch).ToArray(), result.Log.ToArray());
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
