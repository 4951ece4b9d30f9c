using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Torch;

/// <summary>
/// TorchSharp calls that would make a <see cref="Scalar"/> inside TorchSharp, made with that Scalar disposed instead.
/// A Scalar that only its finalizer frees can be freed while libtorch still reads it (dotnet/TorchSharp PRs 1434, 1496), so
/// the analyzer (src/Analyzers, AGOP001–AGOP003) refuses every implicit one: each Scalar is made with
/// <c>using var s = value.ToScalar();</c>, in the value's own type, and passed to an overload that takes every Scalar from
/// the caller. Each helper here is the same libtorch call, with the same Scalar values and types, as the TorchSharp
/// member it replaces.
/// </summary>
public static class Scalars
{
    /// <summary><c>a + b</c>, <c>a.add(b)</c>: libtorch's add with alpha = (int) 1, as TorchSharp's add(Tensor) passes it.</summary>
    public static Tensor Plus(this Tensor a, Tensor b)
    {
        using var one = 1.ToScalar();
        return a.add(b, one);
    }

    /// <summary><c>a.add_(b)</c>: libtorch's in-place add with alpha = (int) 1, as TorchSharp's add_(Tensor) passes it.</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b)
    {
        using var one = 1.ToScalar();
        return a.add_(b, one);
    }

    /// <summary><c>t + s</c>, <c>t.add(s)</c>: libtorch's scalar add with alpha = (int) 1, as TorchSharp's add(Scalar) passes it.</summary>
    public static Tensor Plus(this Tensor t, Scalar s)
    {
        using var one = 1.ToScalar();
        return t.add(s, one);
    }

    /// <summary><c>t.add_(s)</c>: libtorch's in-place scalar add with alpha = (int) 1, as TorchSharp's add_(Scalar) passes it.</summary>
    public static Tensor PlusInPlace(this Tensor t, Scalar s)
    {
        using var one = 1.ToScalar();
        return t.add_(s, one);
    }

    /// <summary><c>t.square()</c>: TorchSharp's square() is pow(2) with an int exponent.</summary>
    public static Tensor Squared(this Tensor t)
    {
        using var two = 2.ToScalar();
        return t.pow(two);
    }

    /// <summary><c>torch.arange(stop, dtype, device)</c>: TorchSharp's arange(stop) is arange(0, stop, 1) with int start and step.</summary>
    public static Tensor Arange(long stop, ScalarType dtype, Device device)
    {
        using var start = 0.ToScalar();
        using var end = stop.ToScalar();
        using var step = 1.ToScalar();
        return arange(start, end, step, dtype, device);
    }
}
