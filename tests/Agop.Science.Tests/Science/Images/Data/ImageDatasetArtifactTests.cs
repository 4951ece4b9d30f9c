using Agop.Science.Images.Data;
using Agop.Science.IO;
using Agop.Science.IO.Artifacts;
using Agop.Tests.Science.Data;

namespace Agop.Tests.Science.Images.Data;

public class ImageDatasetArtifactTests
{
    [Fact]
    public void Write_then_read_gives_the_same_dataset()
    {
        using var folder = new TempFolder();
        var dataset = XaiTrisGenerator.Generate(new XaiTrisSpec("translations_rotations", "correlated", 0.2, 400, 1));

        ImageDatasetArtifact.Write(folder.Path, dataset);
        var back = ImageDatasetArtifact.Read(folder.Path);

        Assert.Equal((dataset.Scenario, dataset.Background, dataset.Alpha, dataset.Size), (back.Scenario, back.Background, back.Alpha, back.Size));
        Assert.Equal((dataset.PatternNorm, dataset.BackgroundNorm, dataset.Scale, dataset.Fp16RoundTrip),
            (back.PatternNorm, back.BackgroundNorm, back.Scale, back.Fp16RoundTrip));
        foreach (var (a, b) in new[] { (dataset.Train, back.Train), (dataset.Val, back.Val), (dataset.Test, back.Test) })
        {
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.X, b.X);
            Assert.Equal(a.Y, b.Y);
            Assert.Equal(a.Masks, b.Masks);
        }
        Assert.Equal(dataset.CombinedMask, back.CombinedMask);
        Assert.Equal(dataset.GroundTruthFrequency, back.GroundTruthFrequency);
        Assert.Equal([320, 1, 8, 8], NpyFile.Read(Path.Combine(folder.Path, "x_train.npy")).Shape);
        Assert.Equal([40, 8, 8], NpyFile.Read(Path.Combine(folder.Path, "mask_test.npy")).Shape);
        Assert.Contains("\"pattern_norm\"", File.ReadAllText(Path.Combine(folder.Path, "image_dataset.json")));
    }

    [Fact]
    public void A_file_whose_shape_disagrees_with_the_manifest_is_named()
    {
        using var folder = new TempFolder();
        ImageDatasetArtifact.Write(folder.Path, XaiTrisGenerator.Generate(new XaiTrisSpec("linear", "white", 0.18, 40, 0)));
        string masks = Path.Combine(folder.Path, "mask_val.npy");
        NpyFile.Write(masks, new byte[3 * 64], 3, 8, 8);

        var error = Assert.Throws<InvalidDataException>(() => ImageDatasetArtifact.Read(folder.Path));

        Assert.Contains(masks, error.Message);
        Assert.Contains("expected (4,8,8)", error.Message);
    }

    [Fact]
    public void A_wrong_dtype_or_a_missing_file_is_named()
    {
        using var folder = new TempFolder();
        ImageDatasetArtifact.Write(folder.Path, XaiTrisGenerator.Generate(new XaiTrisSpec("xor", "white", 0.35, 40, 0)));
        string labels = Path.Combine(folder.Path, "y_test.npy");
        NpyFile.Write(labels, new float[4], 4);

        var wrongType = Assert.Throws<InvalidDataException>(() => ImageDatasetArtifact.Read(folder.Path));
        File.Delete(labels);
        var missing = Assert.Throws<InvalidDataException>(() => ImageDatasetArtifact.Read(folder.Path));

        Assert.Contains(labels, wrongType.Message);
        Assert.Contains("int64", wrongType.Message);
        Assert.Equal($"{labels}: missing", missing.Message);
    }
}
