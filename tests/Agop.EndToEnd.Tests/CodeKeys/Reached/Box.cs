namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>A generic type a unit uses with a concrete argument.</summary>
public sealed class Box<T>(T value)
{
    public T Open() => value;
}
