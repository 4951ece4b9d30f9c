namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>A record with a method of its own.</summary>
public sealed record Point(int X, int Y)
{
    public int Manhattan() => Math.Abs(X) + Math.Abs(Y);
}
