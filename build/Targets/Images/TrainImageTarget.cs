using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Data;
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
[DependsOn(typeof(GenerateImageTarget)), LongRunning]
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
            yield return GroupedUnit(plan, TrainImageId(cell), TrainGroup(settings.Value), settings, [In("data", plan.Unit(GenerateImageId(cell)))], Train,
                GroupSize);
        }
    }

    /// <summary>
    /// The most models one call trains: past 8 a model's time barely drops (ImageTrainingBenchmarks), and the default
    /// config's 40 then make 5 calls that keep two slots busy instead of one call on one.
    /// </summary>
    public const int GroupSize = 8;

    /// <summary>The trainings that can share a stack: everything but the seed (and so the data) equal.</summary>
    static string TrainGroup(Settings s) => $"image/train@{s with { Seed = 0 }}";

    /// <summary>
    /// The ready trainings of a group, as one <see cref="ImageTrainer"/> call: each member's weights, log and checkpoints are
    /// those of training it alone (GroupedImageTrainingTests), so the group is not part of any key.
    /// </summary>
    static void Train(IReadOnlyList<(UnitContext Context, Settings Settings)> members)
    {
        var (first, s) = members[0];
        var strangers = members.Where(m => TrainGroup(m.Settings) != TrainGroup(s)).Select(m => m.Context.Unit.Id).ToList();
        if (strangers.Count > 0)
            throw new InvalidOperationException($"{string.Join(", ", strangers)} cannot train in one group with {first.Unit.Id}: their training settings differ");
        using var torchUnit = TorchRuntime.Unit(first.Threads, s.Device);
        var device = torchUnit.Device;
        var data = members.Select(m => ImageDatasetArtifact.Read(m.Context.Input("data"))).ToList();
        Tensor Images(ImageSplit split, int size) => tensor(split.X, [split.Count, 1, size, size], device: device);
        Tensor Labels(ImageSplit split) => tensor(split.Y, [split.Count], device: device);
        var trainees = members.Select((m, k) => new ImageTrainingMember(Images(data[k].Train, data[k].Size), Labels(data[k].Train),
            Images(data[k].Val, data[k].Size), Labels(data[k].Val), m.Settings.Seed, m.Context.Report)).ToList();
        var hook = new AgopHookSettings(s.TrackEvery, s.OnlineTarget is { } target
            ? new OnlineAgop(AgopDiagonal.ParseTarget(target), ExplainedOutputs.Parse(s.OnlineOutput!)) : null);
        var clock = Stopwatch.StartNew();
        var results = ImageTrainer.Train(trainees, s.Train, hook);
        double seconds = clock.Elapsed.TotalSeconds;
        for (int k = 0; k < members.Count; k++)
        {
            var (context, _) = members[k];
            var result = results[k];
            using var model = result.Model;
            float[] probabilities;
            using (no_grad()) probabilities = model.Probabilities(Images(data[k].Test, data[k].Size)).cpu().data<float>().ToArray();
            var (accuracy, confidence) = Quality(probabilities, data[k].Test.Y);
            var log = new ImageTrainingLog(result.EpochsRun, result.EpochKept, accuracy, confidence,
                result.Checkpoints.Select(t => t.Epoch).ToArray(), result.Log.ToArray());
            ImageModelArtifact.Write(context.OutputDirectory, result, probabilities, log, [1, data[k].Size, data[k].Size]);
            // A member's share of its group's time: what training it cost, whatever the group's size.
            context.Record("train_seconds", seconds / members.Count);
            context.Record("group_size", members.Count);
            context.Record("hook_seconds", result.HookSeconds);
            context.Record("native_heap_tuned", NativeHeap.Tuned ? 1 : 0);
        }
    }

    /// <summary>Test accuracy and mean confidence (probability of the predicted class).</summary>
    static (double Accuracy, double Confidence) Quality(float[] probabilities, long[] labels) =>
        (Classification.Accuracy(probabilities, labels, 2),
         Enumerable.Range(0, labels.Length).Average(i => (double)Math.Max(probabilities[2 * i], probabilities[2 * i + 1])));
}
