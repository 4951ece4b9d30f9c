namespace Agop.Science.Images.Data;

/// <summary>One part of an image dataset: X is Count×1×S×S row-major, Y the labels, Masks Count×S×S of 0/1.</summary>
public sealed record ImageSplit(float[] X, long[] Y, byte[] Masks, int Count)
{
    /// <summary>The part made of the given samples of whole-dataset arrays, in the order given.</summary>
    public static ImageSplit Take(float[] x, long[] y, byte[] masks, int pixels, int[] indices)
    {
        var partX = new float[indices.Length * pixels];
        var partY = new long[indices.Length];
        var partMasks = new byte[indices.Length * pixels];
        for (int k = 0; k < indices.Length; k++)
        {
            int i = indices[k];
            Array.Copy(x, (long)i * pixels, partX, (long)k * pixels, pixels);
            Array.Copy(masks, (long)i * pixels, partMasks, (long)k * pixels, pixels);
            partY[k] = y[i];
        }
        return new ImageSplit(partX, partY, partMasks, indices.Length);
    }
}
