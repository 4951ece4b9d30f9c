using Agop.Science.Faithfulness;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>A hidden layer silent on the original input has no state to preserve: it is left out of activation deviation, not divided by the 1e-12 floor.</summary>
public class SilentLayerTests
{
    [Fact]
    public void A_layer_silent_on_x_is_left_out_of_activation_deviation()
    {
        using var scope = NewDisposeScope();
        // layer 1: h1 = ReLU(x) (2 units); layer 2: h2 = ReLU(−h1₀ − h1₁ + 1) is silent on x = (1, 1) and wakes up at the start (0, 0)
        var net = new HandNet(
            (new double[,] { { 1, 0 }, { 0, 1 } }, [0, 0]),
            (new double[,] { { -1, -1 } }, [1]),
            (new double[,] { { 1 }, { -1 } }, [0, 0]));
        var x = tensor(new double[] { 1, 1 }, [1, 2], dtype: ScalarType.Float64);
        var a = tensor(new double[] { 2, 1 }, [1, 2], dtype: ScalarType.Float64);
        var start = zeros(1, 2, dtype: ScalarType.Float64);
        var scores = new InternalFaithfulness(net, [0.5]).Compute(x, a, start);
        // t = 0.5 keeps feature 0: x_ins = (1, 0); h1 = (1, 0) vs (1, 1): ‖Δ‖/‖h1(x)‖ = 1/√2; h2(x) = 0 → layer 2 is left out
        Assert.Equal(1 / Math.Sqrt(2), scores.ActivationDeviation[0], 9);
    }
}
