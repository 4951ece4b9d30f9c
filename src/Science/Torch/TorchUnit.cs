using TorchSharp;

namespace Agop.Science.Torch;

/// <summary>
/// One unit's torch work: its device, and a dispose scope that owns every tensor the unit creates on its thread until the unit
/// ends. Without it a tensor no scope owns is freed by its finalizer once unreachable, and in optimized code a tensor is
/// unreachable during its own last native call: a collection then frees it under libtorch (segfaults in THSTensor_numel, view,
/// reshape; <c>GcStressTests</c>). Dispose it last: <c>using var torch = TorchRuntime.Unit(...)</c> first in the unit's body.
/// </summary>
public sealed class TorchUnit : IDisposable
{
    readonly DisposeScope _scope;

    internal TorchUnit(torch.Device device)
    {
        _scope = torch.NewDisposeScope();
        Device = device;
    }

    public torch.Device Device { get; }

    public void Dispose() => _scope.Dispose();
}
