using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Models;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Images;

/// <summary>diag(M) is of the output the attributions explain (<c>image.attr_output</c>), so the AGOP methods share one definition.</summary>
public class AgopOutputTests
{
    [Fact]
    public void Under_prob_diag_M_is_the_mean_squared_probability_gradient_and_differs_from_the_logit_one()
    {
        using var scope = NewDisposeScope();
        using var model = new Cnn8by8(seed: 4);
        const int n = 16;
        var x = randn(n, 1, 8, 8, generator: new Generator(21));
        var expected = new double[64];
        for (int i = 0; i < n; i++)
        {
            var xi = x.narrow(0, i, 1).detach().requires_grad_(true);
            var logits = model.forward(xi);
            long c = logits.argmax(1).item<long>();
            var pc = nn.functional.softmax(logits, 1)[0, c];
            var gi = autograd.grad([pc], [xi])[0].flatten().data<float>().ToArray();
            for (int j = 0; j < 64; j++) expected[j] += (double)gi[j] * gi[j] / n;
        }
        var prob = AgopDiagonal.Compute(model.forward, x, AgopTarget.Predicted, ExplainedOutput.Probability);
        double scale = expected.Max();
        Assert.True(scale > 0, "the probability gradients are all zero; pick another seed");
        for (int j = 0; j < 64; j++) Assert.True(Math.Abs(prob[j] - expected[j]) <= 1e-5 * scale, $"pixel {j}: {prob[j]} vs {expected[j]}");

        var logit = AgopDiagonal.Compute(model.forward, x, AgopTarget.Predicted, ExplainedOutput.Logit);
        Assert.True(logit.Zip(prob, (a, b) => Math.Abs(a - b)).Max() > 1e-3 * logit.Max(), "the logit and probability diag(M) coincide");
    }
}
