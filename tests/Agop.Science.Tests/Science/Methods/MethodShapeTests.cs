using Agop.Science.Attribution;
using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>Every method takes inputs of any trailing shape.</summary>
public class MethodShapeTests
{
    [Fact]
    public void Methods_accept_any_input_shape()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(12, [8], 2, seed: 1);
        var x = randn(5, 3, 4, generator: new TorchSharp.torch.Generator(1));
        var target = ClassGradient.Predict(model.forward, x);
        IAttributionMethod[] methods =
        [
            new InputXGradient(model.forward), new IntegratedGradients(model.forward, 8),
            new DeepShap(model), new Lime(model.forward, zeros(12), ones(12), 50, 0.75, 1, 0),
        ];
        foreach (var method in methods)
            Assert.Equal(x.shape, method.Attribute(x, target, method is DeepShap ? randn(4, 3, 4) : zeros(1, 3, 4)).shape);
    }
}
