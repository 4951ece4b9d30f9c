using Agop.Build.Targets;
using Agop.Pipeline.Config;
using Agop.Science.IO.Artifacts;
using static TorchSharp.torch;

namespace Agop.Build.Families.Synthetic;

/// <summary>Part 1's synthetic benchmarks (SPEC §4): one MLP per (generator, seed), attributed by the Attribute stage.</summary>
public sealed class SyntheticFamily : IDataFamily
{
    public string Name => "synthetic";

    public IEnumerable<ModelSubject> Subjects(ExperimentConfig config) =>
        from dataset in config.Strings("synthetic.datasets")
        from seed in config.Ints("seeds").Select(s => (int)s)
        select new ModelSubject(Name, dataset, seed, ExperimentTarget.GenerateId(dataset, seed), ExperimentTarget.TrainId(dataset, seed),
            config.Strings("methods.enabled"));

    public string AttributionId(ModelSubject subject, string method) => ExperimentTarget.AttributeId(subject.Dataset, subject.Seed, method);

    public int Classes(SettingsReader c) => (int)c.Int("synthetic.classes");

    public LoadedSubject Load(string data, string model, int classes, Device device) =>
        LoadedSubject.Tabular(TrainedModelArtifact.ReadModel(model), SyntheticDatasetArtifact.ReadSplit(data, classes), device);
}
