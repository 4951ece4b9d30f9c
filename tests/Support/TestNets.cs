using Agop.Science.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Tests.Support;

/// <summary>Small networks with hand-set weights, for tests that compute attributions by hand.</summary>
public static class TestNets
{
    public static Tensor Logit(Mlp model, Tensor x, Tensor target)
    {
        using var noGrad = no_grad();
        return model.forward(x).gather(1, target.view(-1, 1)).squeeze(1);
    }

    public static void SetLinear(Mlp model, int index, float[] weight, float[] bias)
    {
        var layer = (Linear)model.Layers[index];
        using var noGrad = no_grad();
        layer.weight!.copy_(tensor(weight).reshape(layer.weight.shape));
        layer.bias!.copy_(tensor(bias));
    }
}
