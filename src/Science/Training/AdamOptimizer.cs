using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// Adam (β = 0.9, 0.999; ε = 1e-8; no weight decay, no AMSGrad) with the same operations, in the same order, as
/// torch.optim.Adam and TorchSharp's port, so trained weights are bit-identical to it. Every scalar is created
/// explicitly and disposed after the native call that uses it: TorchSharp's implicit scalars are freed by the
/// finalizer thread, which can free one while a native call still reads it ("Unknown scalar type").
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    readonly Parameter[] _parameters;
    readonly Tensor[] _firstMoment;
    readonly Tensor[] _secondMoment;
    readonly double _learningRate;
    long _step;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        using var noGrad = no_grad();
        _firstMoment = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoment = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    public void Step()
    {
        using var noGrad = no_grad();
        _step++;
        double correction1 = 1 - Math.Pow(Beta1, _step);
        double correction2 = 1 - Math.Pow(Beta2, _step);
        using var beta1 = Beta1.ToScalar();
        using var oneMinusBeta1 = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta2 = (1 - Beta2).ToScalar();
        using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var negativeStep = (-(_learningRate / correction1)).ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var grad = _parameters[i].grad;
            if (grad is null) continue;
            _firstMoment[i].mul_(beta1).add_(grad, alpha: oneMinusBeta1);
            _secondMoment[i].mul_(beta2).addcmul_(grad, grad, value: oneMinusBeta2);
            using var root = _secondMoment[i].sqrt();
            using var denominator = root.div(rootCorrection2);
            denominator.add_(epsilon);
            _parameters[i].addcdiv_(_firstMoment[i], denominator, value: negativeStep);
        }
    }

    public void Dispose()
    {
        foreach (var t in _firstMoment.Concat(_secondMoment)) t.Dispose();
    }
}
