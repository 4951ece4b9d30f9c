using Agop.Science.Attribution;
using Agop.Science.Models;
using Agop.Science.Torch;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>Batching.Chunked: every row where one pass would put it, each part freed as soon as it is copied.</summary>
public class BatchingTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(10, 10)]
    [InlineData(10, 64)]
    [InlineData(1, 1)]
    public void Parts_land_in_their_rows_with_the_trailing_shape_and_dtype_of_a_part(long rows, long chunk)
    {
        using var scope = NewDisposeScope();
        var source = tensor(Enumerable.Range(0, (int)rows * 6).Select(v => (double)v).ToArray(), [rows, 2, 3]);
        var calls = new List<(long, long)>();
        var all = Batching.Chunked(rows, chunk, (start, count) =>
        {
            calls.Add((start, count));
            var rowsOfPart = source.narrow(0, start, count);
            return rowsOfPart.Plus(rowsOfPart);
        });
        Assert.Equal([rows, 2, 3], all.shape);
        Assert.Equal(ScalarType.Float64, all.dtype);
        Assert.Equal(source.Plus(source).data<double>().ToArray(), all.data<double>().ToArray());
        Assert.Equal(Enumerable.Range(0, (int)((rows + chunk - 1) / chunk)).Select(i => (i * chunk, Math.Min(chunk, rows - i * chunk))), calls);
    }

    [Fact]
    public void A_part_is_disposed_once_copied_and_only_the_whole_survives_the_call()
    {
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        var all = Batching.Chunked(5, 2, (start, count) =>
        {
            var part = tensor(Enumerable.Repeat((float)start, (int)count * 4).ToArray(), [count, 4]);
            parts.Add(part);
            return part;
        });
        Assert.All(parts, p => Assert.True(p.IsInvalid));
        Assert.False(all.IsInvalid);
        Assert.Equal([0f, 0f, 2f, 2f, 4f], all.select(1, 0).data<float>().ToArray());
    }

    [Fact]
    public void No_rows_is_refused_with_a_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Batching.Chunked(0, 4, (_, count) => zeros(count, 2)));
        Assert.Contains("at least one row", error.Message);
    }

    [Fact]
    public void DeepShap_gives_the_same_bits_for_any_pass_size_on_an_adult_shaped_mlp()
    {
        // The pass size changes only how many (sample, background) pairs a GEMM sees at once (≥ 2,000 rows here).
        using var scope = NewDisposeScope();
        var model = new Mlp(104, [256, 256, 128, 64], 2, seed: 3);
        var x = randn(97, 104, generator: new TorchSharp.torch.Generator(1));
        var background = randn(200, 104, generator: new TorchSharp.torch.Generator(2));
        var target = ClassGradient.Predict(model.forward, x);
        var large = new DeepShap(model, pairsPerPass: 16384).Attribute(x, target, background).data<float>().ToArray();
        var small = new DeepShap(model, pairsPerPass: 2048).Attribute(x, target, background).data<float>().ToArray();
        Assert.Equal(large.Select(BitConverter.SingleToInt32Bits), small.Select(BitConverter.SingleToInt32Bits));
    }
}
