using System.Text.Json;
using Agop.Science.IO;
using SkiaSharp;

namespace Agop.Tests.Science.Images.Data;

/// <summary>
/// A tiny CLEVR-XAI copy in a temp folder: 3 PNG images (4 high, 6 wide, pixel colours from their position),
/// 2 simple and 3 complex questions, and 5 masks, stacked or one file per question.
/// </summary>
sealed class ClevrXaiFixture : IDisposable
{
    public const int Images = 3, Simple = 2, Complex = 3, Height = 4, Width = 6;

    public ClevrXaiFixture(bool stacked)
    {
        var images = Directory.CreateDirectory(System.IO.Path.Combine(Path, "images")).FullName;
        for (int i = 0; i < Images; i++) WritePng(System.IO.Path.Combine(images, ImageName(i)), i);

        WriteQuestions("CLEVR-XAI_simple_questions.json",
            [new { question = "What is the small sphere made of?", image_filename = ImageName(2) }, new { question = "What colour?", image_filename = ImageName(0) }]);
        WriteQuestions("CLEVR-XAI_complex_questions.json",
            [new { question = "Is there any other thing?", image_index = 1 }, new { question = "How many?", image_index = 0 }, new { question = "Same size?", image_index = 2 }]);

        for (int q = 0; q < Simple + Complex; q++) Masks.Add(Mask(q));
        if (stacked) NpyFile.Write(System.IO.Path.Combine(Path, "ground_truth.npy"), Masks.SelectMany(m => m).ToArray(), Masks.Count, 128, 128);
        else
        {
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, "ground_truth")).FullName;
            for (int q = 0; q < Masks.Count; q++) NpyFile.Write(System.IO.Path.Combine(folder, $"{q}.npy"), Masks[q], 128, 128);
        }
    }

    public string Path { get; } = Directory.CreateTempSubdirectory("agop-clevr-xai-").FullName;

    public List<byte[]> Masks { get; } = [];

    public static string ImageName(int i) => $"CLEVR_unique_{i:D6}.png";

    /// <summary>The colour the fixture paints at (x, y) of image i.</summary>
    public static (byte R, byte G, byte B) Colour(int i, int x, int y) => ((byte)(40 * x), (byte)(60 * y), (byte)(100 * i + 7));

    public void WriteQuestions(string name, object[] questions) =>
        File.WriteAllText(System.IO.Path.Combine(Path, name), JsonSerializer.Serialize(new { info = new { version = "1.0" }, questions }));

    static byte[] Mask(int question)
    {
        var mask = new byte[128 * 128];
        for (int p = question * 100; p < question * 100 + 50 + question; p++) mask[p] = 1;
        return mask;
    }

    static void WritePng(string path, int i)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                var (r, g, b) = Colour(i, x, y);
                bitmap.SetPixel(x, y, new SKColor(r, g, b, 255));
            }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
