using Agop.Science.Images.Models;
using Agop.Science.IO.Artifacts;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Faith;

/// <summary>
/// A Part 4 subject loaded for scoring: the model, its test samples as a tensor (n × d, or n × 1 × H × W), their labels, and the
/// perturbation references of SPEC §11.2 — images: deletion substrate 0 and insertion from the RISE blur of x; tabular: the
/// training mean for both (the same replacement ROAR uses).
/// </summary>
public sealed class FaithModel : IDisposable
{
    FaithModel(nn.Module<Tensor, Tensor> model, Tensor testX, long[] testY, Tensor? trainMean, bool image)
    {
        Model = model;
        TestX = testX;
        TestY = testY;
        TrainMean = trainMean;
        IsImage = image;
    }

    public nn.Module<Tensor, Tensor> Model { get; }
    public ISegmentedModel Segmented => (ISegmentedModel)Model;
    public Tensor TestX { get; }
    public long[] TestY { get; }
    public Tensor? TrainMean { get; }
    public bool IsImage { get; }

    public static FaithModel Load(FaithKind kind, string data, string model, int classes, Device device)
    {
        switch (kind)
        {
            case FaithKind.Image:
            {
                var dataset = ImageDatasetArtifact.Read(data);
                var cnn = ImageModelArtifact.ReadModel(model);
                cnn.to(device);
                var x = tensor(dataset.Test.X, [dataset.Test.Count, 1, dataset.Size, dataset.Size], device: device).DetachFromDisposeScope();
                return new FaithModel(cnn, x, dataset.Test.Y, null, image: true);
            }
            default:
            {
                var table = kind == FaithKind.Synthetic
                    ? SyntheticDatasetArtifact.ReadSplit(data, classes)
                    : Agop.Science.Data.TabularData.Load(name => Path.Combine(data, name), 2);
                Mlp mlp = kind == FaithKind.Synthetic ? TrainedModelArtifact.ReadModel(model) : ModelFile.Load(name => Path.Combine(model, name));
                mlp.to(device);
                var x = tensor(table.TestX, [table.TestCount, table.Features], device: device).DetachFromDisposeScope();
                var mean = tensor(table.TrainMean(), [1, table.Features], device: device).DetachFromDisposeScope();
                return new FaithModel(mlp, x, table.TestY, mean, image: false);
            }
        }
    }

    public void Dispose()
    {
        Model.Dispose();
        TestX.Dispose();
        TrainMean?.Dispose();
    }
}
