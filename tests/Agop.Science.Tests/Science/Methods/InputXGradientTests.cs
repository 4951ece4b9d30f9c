using Agop.Science.Attribution;
using Agop.Science.Models;
using static Agop.Tests.Support.TestNets;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

/// <summary>InputXGradient: x ⊙ ∇f_c(x), by hand on a linear model, and no use of a baseline.</summary>
public class InputXGradientTests
{
    [Fact]
    public void On_a_linear_model_it_is_the_input_times_the_class_weights()
    {
        // f = W x + b with W = [[1, 2], [-3, 4]], b = (5, 6); class 1 at x = (2, -1): a = x ⊙ w1 = (−6, −4)
        using var scope = NewDisposeScope();
        var model = new Mlp(2, [], 2, seed: 0);
        SetLinear(model, 0, [1, 2, -3, 4], [5, 6]);
        var x = tensor(new float[] { 2, -1 }, [1, 2]);
        var a = new InputXGradient(model.forward).Attribute(x, tensor(new long[] { 1 }), baselines: tensor(new float[] { 100, 100 }, [1, 2]));
        Assert.Equal([-6f, -4f], a.data<float>().ToArray());
    }
}
