using SkiaSharp;

namespace Agop.Science.Images.Data;

/// <summary>Decodes a PNG with SkiaSharp into channel-first RGB floats in [0, 1] (3×H×W); any alpha channel is dropped, not composited.</summary>
static class RgbImage
{
    public static float[] LoadPng(string path, out int height, out int width)
    {
        if (!File.Exists(path)) throw new ClevrXaiException(path, "missing");
        using var codec = SKCodec.Create(path) ?? throw new ClevrXaiException(path, "not a decodable image");
        if (codec.EncodedFormat != SKEncodedImageFormat.Png) throw new ClevrXaiException(path, $"a {codec.EncodedFormat} image, expected PNG");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success) throw new ClevrXaiException(path, $"PNG decoding failed ({result})");

        height = info.Height;
        width = info.Width;
        int plane = height * width;
        var rgb = new float[3 * plane];
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int source = y * rowBytes + 4 * x, target = y * width + x;
                rgb[target] = pixels[source] / 255f;
                rgb[plane + target] = pixels[source + 1] / 255f;
                rgb[2 * plane + target] = pixels[source + 2] / 255f;
            }
        return rgb;
    }
}
