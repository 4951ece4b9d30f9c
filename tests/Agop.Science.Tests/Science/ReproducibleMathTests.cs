using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science;

/// <summary>A matmul with one column (AGOP-IxG at K = 1) gives the same bytes whatever the alignment of its input.</summary>
public class ReproducibleMathTests
{
    [Fact]
    public void A_one_column_matmul_does_not_depend_on_the_inputs_memory_alignment()
    {
        Assert.Equal(ReproducibleMath.Mode, Environment.GetEnvironmentVariable(ReproducibleMath.Variable));
        using var scope = NewDisposeScope();
        torch.set_num_threads(1);
        var g = randn(120, 20, generator: new torch.Generator(1));
        var f = randn(20, 1, generator: new torch.Generator(2));
        var expected = g.matmul(f).matmul(f.t());
        for (int offset = 1; offset < 16; offset++)
        {
            var shifted = empty(120 * 20 + offset).narrow(0, offset, 120 * 20).view(120, 20);
            shifted.copy_(g);
            Assert.True(allclose(shifted.matmul(f).matmul(f.t()), expected, rtol: 0, atol: 0), $"offset {offset} floats changes the result");
        }
    }
}
