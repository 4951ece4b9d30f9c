using Agop.Science.Models;
using Agop.Science.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science;

/// <summary>Our Adam (explicit scalars, no finalizer race) gives the same weights as TorchSharp's, bit for bit.</summary>
public class AdamOptimizerTests
{
    [Fact]
    public void Weights_after_twenty_steps_equal_torchsharps_adam_exactly()
    {
        using var scope = NewDisposeScope();
        var x = randn(64, 6, generator: new TorchSharp.torch.Generator(3));
        var y = randint(0, 3, [64], generator: new TorchSharp.torch.Generator(4));
        float[] Train(Func<Mlp, (Action ZeroGrad, Action Step, IDisposable Owner)> optimizer)
        {
            using var model = new Mlp(6, [8, 5], 3, seed: 11);
            var (zeroGrad, step, owner) = optimizer(model);
            using (owner)
                for (int i = 0; i < 20; i++)
                {
                    using var batch = NewDisposeScope();
                    var loss = nn.functional.cross_entropy(model.forward(x), y);
                    zeroGrad();
                    loss.backward();
                    step();
                }
            return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
        }

        var ours = Train(model =>
        {
            var adam = new AdamOptimizer(model.parameters(), 0.01);
            return (adam.ZeroGrad, adam.Step, adam);
        });
        var theirs = Train(model =>
        {
            var adam = optim.Adam(model.parameters(), lr: 0.01);
            // TorchSharp's own Adam is the reference here, internal Scalars and all: they are why AdamOptimizer exists
#pragma warning disable AGOP002
            return (adam.zero_grad, () => adam.step(), adam);
#pragma warning restore AGOP002
        });
        Assert.Equal(theirs, ours);
    }
}
