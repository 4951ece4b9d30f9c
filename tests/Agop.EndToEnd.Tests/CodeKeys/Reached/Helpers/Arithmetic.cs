namespace Agop.Tests.Engine.CodeKeys.Reached.Helpers;

/// <summary>A helper in another folder than its caller.</summary>
public static class Arithmetic
{
    public static int Twice(int x) => 2 * x;
}
