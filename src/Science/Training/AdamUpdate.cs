using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// torch.optim.Adam's update for step t (β = 0.9, 0.999; ε = 1e-8; no weight decay, no AMSGrad), in torch's order of
/// operations, so that every optimiser here (<see cref="AdamOptimizer"/>, <see cref="GroupedAdam"/>, FEI's θ) gives the
/// bits torch gives. The scalars are created once per step and disposed with it: TorchSharp's implicit scalars are freed
/// by the finalizer thread, which can free one while a native call still reads it ("Unknown scalar type").
/// </summary>
public sealed class AdamUpdate : IDisposable
{
    public const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    readonly Scalar _beta1 = Beta1.ToScalar(), _oneMinusBeta1 = (1 - Beta1).ToScalar();
    readonly Scalar _beta2 = Beta2.ToScalar(), _oneMinusBeta2 = (1 - Beta2).ToScalar();
    readonly Scalar _epsilon = Epsilon.ToScalar();
    readonly Scalar _rootCorrection2, _negativeStep;

    /// <param name="step">t, counted from 1.</param>
    public AdamUpdate(long step, double learningRate)
    {
        _rootCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, step)).ToScalar();
        _negativeStep = (-(learningRate / (1 - Math.Pow(Beta1, step)))).ToScalar();
    }

    /// <summary>Moves <paramref name="parameter"/> one step along <paramref name="gradient"/>, updating both moments in place.</summary>
    public void Apply(Tensor parameter, Tensor gradient, Tensor first, Tensor second)
    {
        using var noGrad = no_grad();
        first.mul_(_beta1).add_(gradient, alpha: _oneMinusBeta1);
        second.mul_(_beta2).addcmul_(gradient, gradient, value: _oneMinusBeta2);
        using var root = second.sqrt();
        using var denominator = root.div(_rootCorrection2);
        denominator.PlusInPlace(_epsilon);
        parameter.addcdiv_(first, denominator, value: _negativeStep);
    }

    public void Dispose()
    {
        foreach (var s in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _rootCorrection2, _negativeStep }) s.Dispose();
    }
}
