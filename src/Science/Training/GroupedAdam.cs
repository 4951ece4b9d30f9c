using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Training;

/// <summary>
/// <see cref="AdamOptimizer"/> over parameters stacked as [G, …], one slice per group member, with gradients passed in: the
/// same operations in the same order, so each slice follows exactly the trajectory a separate AdamOptimizer would give it
/// (Adam is elementwise).
/// </summary>
/// <param name="perMember">
/// Update each member's slice with its own calls instead of the whole stack at once. libtorch's CPU elementwise kernels
/// treat an element differently by its position (a vectorised body and a scalar tail, and per-thread chunks), so on the CPU
/// only per-slice calls keep a member's result independent of which other members share its group. CUDA kernels apply
/// the same code to every element, so there one call per stacked parameter is exact and far cheaper in launches.
/// </param>
public sealed class GroupedAdam : IDisposable
{
    readonly Tensor[] _parameters;
    readonly Tensor[] _firstMoment;
    readonly Tensor[] _secondMoment;
    /// <summary>Per parameter, per member: the slices of the parameter and its two moments (views, made once).</summary>
    readonly (Tensor Parameter, Tensor First, Tensor Second)[][] _slices;
    readonly double _learningRate;
    readonly bool _perMember;
    long _step;

    public GroupedAdam(IEnumerable<Tensor> stacked, double learningRate, bool perMember) : this(stacked.ToArray(), learningRate, perMember, null, null, 0)
    {
    }

    GroupedAdam(Tensor[] parameters, double learningRate, bool perMember, Tensor[]? firstMoment, Tensor[]? secondMoment, long step)
    {
        _parameters = parameters;
        _learningRate = learningRate;
        _perMember = perMember;
        _step = step;
        using var noGrad = no_grad();
        _firstMoment = firstMoment ?? _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoment = secondMoment ?? _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _slices = _parameters.Select((p, i) => !perMember ? [] : Enumerable.Range(0, (int)p.shape[0])
            .Select(g => (p[g].DetachFromDisposeScope(), _firstMoment[i][g].DetachFromDisposeScope(), _secondMoment[i][g].DetachFromDisposeScope()))
            .ToArray()).ToArray();
    }

    /// <param name="gradients">One per parameter, shaped like it.</param>
    public void Step(IReadOnlyList<Tensor> gradients)
    {
        if (gradients.Count != _parameters.Length) throw new ArgumentException($"{gradients.Count} gradients for {_parameters.Length} parameters", nameof(gradients));
        using var noGrad = no_grad();
        using var update = new AdamUpdate(++_step, _learningRate);
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_slices[i].Length == 0)
            {
                update.Apply(_parameters[i], gradients[i], _firstMoment[i], _secondMoment[i]);
                continue;
            }
            for (int g = 0; g < _slices[i].Length; g++)
            {
                using var memberGrad = gradients[i][g];
                update.Apply(_slices[i][g].Parameter, memberGrad, _slices[i][g].First, _slices[i][g].Second);
            }
        }
    }

    /// <summary>
    /// The optimiser of the <paramref name="keep"/> members only, over <paramref name="parameters"/> (those members' stacked
    /// parameters, in that order): their moments copied and the step count carried on, so each goes on exactly as here.
    /// </summary>
    public GroupedAdam Subset(IReadOnlyList<Tensor> parameters, IReadOnlyList<long> keep)
    {
        using var noGrad = no_grad();
        using var index = tensor(keep.ToArray(), device: _parameters[0].device);
        Tensor[] Pick(Tensor[] moments) => moments.Select(m => m.index_select(0, index).DetachFromDisposeScope()).ToArray();
        return new GroupedAdam(parameters.ToArray(), _learningRate, _perMember, Pick(_firstMoment), Pick(_secondMoment), _step);
    }

    public void Dispose()
    {
        foreach (var (parameter, first, second) in _slices.SelectMany(s => s))
        {
            parameter.Dispose();
            first.Dispose();
            second.Dispose();
        }
        foreach (var t in _firstMoment.Concat(_secondMoment)) t.Dispose();
    }
}
