using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Runs a batched computation over row ranges of at most <c>chunk</c> rows and concatenates the parts.</summary>
public static class Batching
{
    /// <param name="part">Computes rows [start, start + count); each call runs in its own dispose scope.</param>
    public static Tensor Chunked(long rows, long chunk, Func<long, long, Tensor> part)
    {
        chunk = Math.Max(1, chunk);
        var parts = new List<Tensor>();
        for (long start = 0; start < rows; start += chunk)
        {
            long count = Math.Min(chunk, rows - start);
            using var scope = NewDisposeScope();
            parts.Add(part(start, count).MoveToOuterDisposeScope());
        }
        if (parts.Count == 1) return parts[0];
        var all = cat(parts, 0);
        foreach (var p in parts) p.Dispose();
        return all;
    }
}
