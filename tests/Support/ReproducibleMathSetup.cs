using System.Runtime.CompilerServices;

namespace Agop.Tests.Support;

/// <summary>
/// The test host runs pipelines in-process beside tests that use torch directly; MKL reads its reproducibility mode at its
/// first call in the process, so it is set when this assembly loads, before any test touches a tensor.
/// </summary>
static class ReproducibleMathSetup
{
    [ModuleInitializer]
    internal static void Enable() => Agop.Science.Torch.ReproducibleMath.Enable();
}
