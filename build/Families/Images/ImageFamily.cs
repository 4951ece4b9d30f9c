using Agop.Build.Targets.Images;
using Agop.Pipeline.Config;
using Agop.Science.IO.Artifacts;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Families.Images;

/// <summary>Part 3's XAI-TRIS images (SPEC §10): one CNN8by8 per (scenario, background, seed), attributed by the AttributeImage stage.</summary>
public sealed class ImageFamily : IDataFamily
{
    public string Name => "image";

    public IEnumerable<ModelSubject> Subjects(ExperimentConfig config) => ImageTarget.Cells(config).Select(cell =>
        new ModelSubject(Name, ImageTarget.Dataset(cell), cell.Seed, ImageTarget.GenerateImageId(cell), ImageTarget.TrainImageId(cell),
            config.Strings("image.methods.enabled")) { DataSeed = cell.DataSeed });

    public string AttributionId(ModelSubject subject, string method) => ImageTarget.AttributeImageId(Cell(subject), method);

    static ImageTarget.Cell Cell(ModelSubject s) => new(s.Dataset.Split('/')[0], s.Dataset.Split('/')[1], s.Seed, s.DataSeed);

    public int Classes(SettingsReader c) => 2;

    public LoadedSubject Load(string data, string model, int classes, Device device)
    {
        var dataset = ImageDatasetArtifact.Read(data);
        var cnn = ImageModelArtifact.ReadModel(model);
        cnn.to(device);
        var x = tensor(dataset.Test.X, [dataset.Test.Count, 1, dataset.Size, dataset.Size], device: device).DetachFromDisposeScope();
        return new LoadedSubject(cnn, x, dataset.Test.Y, ReferencePolicy.BlurAndZero);
    }
}
