using System.Text.Json;
using System.Text.Json.Serialization;
using Agop.Science.Images.Data;

namespace Agop.Science.IO.Artifacts;

/// <summary>
/// A GenerateImage unit's output: <c>x_{part}.npy</c> (float32 N×1×S×S), <c>y_{part}.npy</c> (int64 N),
/// <c>mask_{part}.npy</c> (uint8 N×S×S) for train/val/test, <c>mask_comb.npy</c> (uint8 S×S),
/// <c>gt_frequency.npy</c> (float32 S×S) and <c>image_dataset.json</c>.
/// </summary>
public static class ImageDatasetArtifact
{
    public const string ManifestFile = "image_dataset.json";
    const string CombinedMaskFile = "mask_comb.npy";
    const string FrequencyFile = "gt_frequency.npy";

    static readonly string[] Parts = ["train", "val", "test"];

    sealed record Manifest(
        [property: JsonPropertyName("scenario")] string Scenario,
        [property: JsonPropertyName("background")] string Background,
        [property: JsonPropertyName("alpha")] double Alpha,
        [property: JsonPropertyName("size")] int Size,
        [property: JsonPropertyName("train")] int Train,
        [property: JsonPropertyName("val")] int Val,
        [property: JsonPropertyName("test")] int Test,
        [property: JsonPropertyName("pattern_norm")] double PatternNorm,
        [property: JsonPropertyName("background_norm")] double BackgroundNorm,
        [property: JsonPropertyName("scale")] double Scale,
        [property: JsonPropertyName("fp16_roundtrip")] bool Fp16RoundTrip);

    public static void Write(string folder, ImageDataset dataset)
    {
        Directory.CreateDirectory(folder);
        int s = dataset.Size;
        foreach (var (part, split) in Parts.Zip(Splits(dataset)))
        {
            NpyFile.Write(Path.Combine(folder, $"x_{part}.npy"), split.X, split.Count, 1, s, s);
            NpyFile.Write(Path.Combine(folder, $"y_{part}.npy"), split.Y, split.Count);
            NpyFile.Write(Path.Combine(folder, $"mask_{part}.npy"), split.Masks, split.Count, s, s);
        }
        NpyFile.Write(Path.Combine(folder, CombinedMaskFile), dataset.CombinedMask, s, s);
        NpyFile.Write(Path.Combine(folder, FrequencyFile), dataset.GroundTruthFrequency, s, s);
        var manifest = new Manifest(dataset.Scenario, dataset.Background, dataset.Alpha, s, dataset.Train.Count, dataset.Val.Count,
            dataset.Test.Count, dataset.PatternNorm, dataset.BackgroundNorm, dataset.Scale, dataset.Fp16RoundTrip);
        File.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads every file back; any missing file, bad dtype or shape that disagrees with the manifest throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static ImageDataset Read(string folder)
    {
        var manifest = ReadManifest(folder);
        int s = manifest.Size;
        var counts = new[] { manifest.Train, manifest.Val, manifest.Test };
        var splits = new ImageSplit[3];
        for (int k = 0; k < 3; k++)
        {
            string part = Parts[k];
            int n = counts[k];
            var x = ReadChecked(folder, $"x_{part}.npy", [n, 1, s, s], a => a.F);
            var y = ReadChecked(folder, $"y_{part}.npy", [n], a => a.L);
            var masks = ReadChecked(folder, $"mask_{part}.npy", [n, s, s], a => a.U8);
            splits[k] = new ImageSplit(x, y, masks, n);
        }
        var combined = ReadChecked(folder, CombinedMaskFile, [s, s], a => a.U8);
        var frequency = ReadChecked(folder, FrequencyFile, [s, s], a => a.F);
        return new ImageDataset(manifest.Scenario, manifest.Background, manifest.Alpha, s, splits[0], splits[1], splits[2],
            combined, frequency, manifest.PatternNorm, manifest.BackgroundNorm, manifest.Scale, manifest.Fp16RoundTrip);
    }

    static IEnumerable<ImageSplit> Splits(ImageDataset dataset) => [dataset.Train, dataset.Val, dataset.Test];

    static Manifest ReadManifest(string folder)
    {
        string path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: missing");
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid image dataset manifest ({e.Message})");
        }
        if (manifest is null || string.IsNullOrEmpty(manifest.Scenario) || manifest.Size <= 0 || manifest.Train < 0 || manifest.Val < 0 || manifest.Test < 0)
            throw new InvalidDataException($"{path}: incomplete image dataset manifest");
        return manifest;
    }

    static T[] ReadChecked<T>(string folder, string name, int[] shape, Func<NpyArray, T[]> values)
    {
        string path = Path.Combine(folder, name);
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: missing");
        NpyArray array;
        T[] data;
        try
        {
            array = NpyFile.Read(path);
            data = values(array);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }
        if (!array.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"{path}: shape ({string.Join(",", array.Shape)}), expected ({string.Join(",", shape)}) from {ManifestFile}");
        return data;
    }
}
