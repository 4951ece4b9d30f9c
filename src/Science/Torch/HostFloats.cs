using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Agop.Science.Torch;

/// <summary>
/// float32 tensors in this process's memory, which the fused C# kernels (<c>OverActiveClip</c>, <c>RescaleStep</c>,
/// <c>MaxPool2x2</c>) read and write in place; each falls back to libtorch's ops for any other tensor.
/// </summary>
public static class HostFloats
{
    /// <summary>Whether <paramref name="t"/> is a float32 tensor on the CPU (its layout is the caller's to check).</summary>
    public static bool Holds(Tensor t) => t.device_type == TorchSharp.DeviceType.CPU && t.dtype == ScalarType.Float32;

    /// <summary>The elements of a contiguous float32 CPU tensor, in place.</summary>
    public static Span<float> Of(Tensor t) => MemoryMarshal.Cast<byte, float>(t.bytes);
}
