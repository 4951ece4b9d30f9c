using Agop.Science.Attribution;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Methods;

public class AgopInputXGradientTests
{
    // f(x) = W x: ∇_x f_c = W_c for every x, so M = Σ_c share_c · W_cᵀ W_c is known by hand.
    static readonly float[] W = [1, 2, 0, 0, 0, 3]; // rows w0 = (1, 2, 0), w1 = (0, 0, 3): orthogonal

    static Tensor Linear(Tensor x) => x.matmul(tensor(W, [2, 3]).t());

    [Fact]
    public void Agop_of_a_linear_model_is_the_class_weighted_outer_product_with_its_rank()
    {
        // two samples predicted class 0 (large x0), two predicted class 1 (large x2)
        using var x = tensor(new float[] { 5, 0, 0, 4, 1, 0, 0, 0, 5, 0, 0, 4 }, [4, 3]);
        var agop = AgopFactor.Fit(Linear, x, tau: 0.01);
        Assert.Equal(2, agop.Rank);
        // M = ½ w0 w0ᵀ + ½ w1 w1ᵀ: eigenvalues ½·|w1|² = 4.5, ½·|w0|² = 2.5, 0
        Assert.Equal(4.5, agop.Eigenvalues[0], 5);
        Assert.Equal(2.5, agop.Eigenvalues[1], 5);
        Assert.Equal(0, agop.Eigenvalues[2], 5);
        using var f = agop.FactorTensor(CPU);
        var m = f.matmul(f.t()).data<float>().ToArray();
        float[] expected = [0.5f, 1, 0, 1, 2, 0, 0, 0, 4.5f];
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], m[i], 4);
    }

    [Fact]
    public void Tau_controls_the_rank()
    {
        using var x = tensor(new float[] { 5, 0, 0, 4, 1, 0, 0, 0, 5, 0, 0, 4 }, [4, 3]);
        Assert.Equal(1, AgopFactor.Fit(Linear, x, tau: 0.6).Rank); // 2.5 < 0.6 · 4.5
    }

    [Fact]
    public void Agop_ixg_equals_input_x_gradient_with_baseline_when_the_truncated_agop_is_the_identity()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(4, [8, 8], 3, seed: 1);
        var identity = new AgopFactor(4, 4, 0, eye(4).data<float>().ToArray(), [1, 1, 1, 1]);
        var x = randn(16, 4, generator: new TorchSharp.torch.Generator(7));
        using var value = 0.3f.ToScalar();
        var b = full(1, 4, value);
        var target = ClassGradient.Predict(model.forward, x);
        var agopIxg = new AgopInputXGradient(model.forward, identity).Attribute(x, target, b);
        var expected = (x - b) * ClassGradient.Compute(model.forward, x, target);
        Assert.True(allclose(agopIxg, expected, rtol: 1e-5, atol: 1e-7));
        // and with a zero baseline it is Captum's InputXGradient
        var ixg = new InputXGradient(model.forward).Attribute(x, target);
        Assert.True(allclose(new AgopInputXGradient(model.forward, identity).Attribute(x, target, zeros(1, 4)), ixg, rtol: 1e-5, atol: 1e-7));
    }

    [Fact]
    public void Low_rank_path_equals_the_dense_formula()
    {
        using var scope = NewDisposeScope();
        var model = new Mlp(6, [16, 8], 3, seed: 2);
        var train = randn(200, 6, generator: new TorchSharp.torch.Generator(3));
        var agop = AgopFactor.Fit(model.forward, train, tau: 0.05);
        Assert.InRange(agop.Rank, 1, 5);
        var x = randn(10, 6, generator: new TorchSharp.torch.Generator(4));
        var b = train.mean([0], keepdim: true);
        var target = ClassGradient.Predict(model.forward, x);
        var lowRank = new AgopInputXGradient(model.forward, agop).Attribute(x, target, b);
        var f = agop.FactorTensor(CPU);
        var dense = (x - b) * ClassGradient.Compute(model.forward, x, target).matmul(f.matmul(f.t()));
        Assert.True(allclose(lowRank, dense, rtol: 1e-4, atol: 1e-6));
    }
}
