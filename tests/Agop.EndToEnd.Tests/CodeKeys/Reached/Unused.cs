namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>Code no unit runs: editing it stales nothing.</summary>
public static class Unused
{
    public static int Nothing() => 0;
}
