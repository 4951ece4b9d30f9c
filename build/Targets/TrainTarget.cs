using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.IO.Artifacts;
using Agop.Science.Torch;
using Agop.Science.Training;
using Agop.Statistics;

namespace Agop.Build.Targets;

/// <summary>One MLP per (dataset, seed), saved once and reused by every method.</summary>
[DependsOn(typeof(GenerateTarget)), LongRunning]
public sealed class TrainTarget : ExperimentTarget
{
    public sealed record Settings(TrainSettings Train, int Classes, int Seed, string Device);

    public override string Description => "train the MLP (Adam, mini-batches, seeded)";

    public static TrainSettings ReadTrain(Pipeline.Config.SettingsReader c, string prefix) =>
        new((int)c.Int($"{prefix}.epochs"), (int)c.Int($"{prefix}.batch_size"), c.Double($"{prefix}.lr"), c.Ints("train.hidden").Select(h => (int)h).ToArray());

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var (dataset, seed) in DatasetSeeds(plan))
        {
            var settings = plan.Read(c => new Settings(ReadTrain(c, "train"), (int)c.Int("synthetic.classes"), seed, c.Note("device", plan.Settings.Device)));
            yield return Unit(plan, TrainId(dataset, seed), settings, [In("data", plan.Unit(GenerateId(dataset, seed)))],
                static (context, s) =>
                {
                    using var torchUnit = TorchRuntime.Unit(context.Threads, s.Device);
                    var device = torchUnit.Device;
                    var data = SyntheticDatasetArtifact.ReadSplit(context.Input("data"), s.Classes);
                    using var model = Trainer.Train(data, s.Train, s.Seed, device, context.Report);
                    var test = Trainer.Probabilities(model, data.TestX, data.Features, device);
                    var train = Trainer.Probabilities(model, data.TrainX, data.Features, device);
                    TrainedModelArtifact.Write(context.OutputDirectory, model, test, s.Classes,
                        Classification.Accuracy(train, data.TrainY, s.Classes), Classification.Accuracy(test, data.TestY, s.Classes));
                });
        }
    }
}
