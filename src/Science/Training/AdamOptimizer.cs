using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// Adam over a module's parameters, reading their .grad: <see cref="AdamUpdate"/> per parameter, so trained weights are
/// bit-identical to torch.optim.Adam's and TorchSharp's port.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
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
        using var update = new AdamUpdate(++_step, _learningRate);
        for (int i = 0; i < _parameters.Length; i++)
        {
            using var grad = _parameters[i].grad;
            if (grad is not null) update.Apply(_parameters[i], grad, _firstMoment[i], _secondMoment[i]);
        }
    }

    public void Dispose()
    {
        foreach (var t in _firstMoment.Concat(_secondMoment)) t.Dispose();
    }
}
