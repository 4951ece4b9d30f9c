using Agop.Science.Training;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Training;

/// <summary>Adam over stacked parameters: each slice steps as a separate <see cref="AdamOptimizer"/> would.</summary>
public class GroupedAdamTests
{
    // Sizes with vectorised bodies and scalar tails (37 · 5 = 185 elements per member), three members.
    const int Members = 3, Steps = 6;

    static Tensor Gradient(int step, long[] shape) => randn(shape, generator: new TorchSharp.torch.Generator((ulong)(100 + step)));

    static float[] RunGrouped(bool perMember)
    {
        using var scope = NewDisposeScope();
        var start = randn([Members, 37, 5], generator: new TorchSharp.torch.Generator(1));
        var stacked = start.clone();
        using var adam = new GroupedAdam([stacked], 0.01, perMember);
        for (int step = 0; step < Steps; step++) adam.Step([Gradient(step, [Members, 37, 5])]);
        return stacked.data<float>().ToArray();
    }

    static float[] RunSeparately()
    {
        using var scope = NewDisposeScope();
        var start = randn([Members, 37, 5], generator: new TorchSharp.torch.Generator(1));
        var result = new List<float>();
        for (int g = 0; g < Members; g++)
        {
            var single = new TorchSharp.Modules.Parameter(start[g].clone());
            using var adam = new AdamOptimizer([single], 0.01);
            for (int step = 0; step < Steps; step++)
            {
                adam.ZeroGrad();
                using (no_grad()) single.grad = Gradient(step, [Members, 37, 5])[g].clone();
                adam.Step();
            }
            result.AddRange(single.data<float>().ToArray());
        }
        return result.ToArray();
    }

    [Fact]
    public void Per_member_steps_equal_separate_adam_exactly() => Assert.Equal(RunSeparately(), RunGrouped(perMember: true));

    [Fact]
    public void Whole_stack_steps_equal_separate_adam_to_float_precision()
    {
        float[] expected = RunSeparately(), actual = RunGrouped(perMember: false);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
    }
}
