using System.Text.Json;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Formats;
using Agop.Pipeline.Targets;
using Agop.Science.Data.Synthetic;
using Agop.Science.Models;
using Agop.Science.Torch;
using Agop.Science.Training;

namespace Agop.Build.Targets;

/// <summary>One MLP per (dataset, seed), saved once and reused by every method.</summary>
[DependsOn(typeof(GenerateTarget))]
public sealed class TrainTarget : ExperimentTarget
{
    public override string Description => "train the MLP (Adam, mini-batches, seeded)";
    protected override int LogicVersion => 1;

    public static readonly string[] Keys = ["train.epochs", "train.batch_size", "train.lr", "train.hidden", "synthetic.classes"];

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        var settings = new TrainSettings((int)config.Int("train.epochs"), (int)config.Int("train.batch_size"),
            config.Double("train.lr"), config.Ints("train.hidden").Select(h => (int)h).ToArray());
        int classes = (int)config.Int("synthetic.classes");
        var (threads, device) = (plan.Settings.Threads, plan.Settings.Device);
        foreach (var (dataset, seed) in DatasetSeeds(config))
        {
            var data = plan.Unit(GenerateId(dataset, seed));
            yield return Unit(TrainId(dataset, seed), Slice(config, Keys, ("seed", (long)seed), ("device", device)), [data],
                context =>
                {
                    var torchDevice = TorchRuntime.Use(threads, device);
                    var benchmark = SyntheticBenchmark.Load(Files(context, data), classes);
                    var model = Trainer.Train(benchmark.Data, settings, seed, torchDevice, context.Report);
                    ModelFile.Save(model, context.OutputDirectory);
                    var test = benchmark.Data;
                    var probabilities = Trainer.Probabilities(model, test.TestX, test.Features, torchDevice);
                    NpyFile.Write(context.Output("probabilities_test.npy"), probabilities, test.TestCount, classes);
                    var trainProbabilities = Trainer.Probabilities(model, test.TrainX, test.Features, torchDevice);
                    File.WriteAllText(context.Output("training.json"), JsonSerializer.Serialize(new
                    {
                        train_accuracy = Accuracy(trainProbabilities, test.TrainY, classes),
                        test_accuracy = Accuracy(probabilities, test.TestY, classes),
                    }));
                });
        }
    }

    public static double Accuracy(float[] probabilities, long[] labels, int classes)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
            if (ArgMax(probabilities.AsSpan(i * classes, classes)) == labels[i]) correct++;
        return correct / (double)labels.Length;
    }

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
        return best;
    }
}
