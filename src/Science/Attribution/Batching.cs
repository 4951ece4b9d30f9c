using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>Runs a batched computation over row ranges of at most <c>chunk</c> rows and gathers the parts in one tensor.</summary>
public static class Batching
{
    /// <param name="part">Computes rows [start, start + count); each call runs in its own dispose scope.</param>
    /// <remarks>
    /// Each part is copied into one output allocated after the first part, then freed. Keeping every part until a final
    /// cat left thousands of small long-lived blocks between the parts' large temporaries, and glibc's heap could not reuse
    /// the space between them: a DeepSHAP ranking of 30,000 rows (15,000 parts) grew to 6 GB resident where 0.8 GB is in use.
    /// </remarks>
    public static Tensor Chunked(long rows, long chunk, Func<long, long, Tensor> part)
    {
        chunk = Math.Max(1, chunk);
        Tensor? all = null;
        for (long start = 0; start < rows; start += chunk)
        {
            long count = Math.Min(chunk, rows - start);
            using var scope = NewDisposeScope();
            var piece = part(start, count);
            if (count == rows) return piece.MoveToOuterDisposeScope();
            using var noGrad = no_grad();
            if (all is null)
            {
                long[] shape = [rows, .. piece.shape.Skip(1)];
                all = empty(shape, dtype: piece.dtype, device: piece.device).MoveToOuterDisposeScope();
            }
            all.narrow(0, start, count).copy_(piece);
        }
        return all ?? throw new ArgumentException($"Batching.Chunked needs at least one row (got {rows})");
    }
}
