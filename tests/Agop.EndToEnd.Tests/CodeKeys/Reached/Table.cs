namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>A static field whose initialiser calls into another file (<see cref="TableSeeds"/>).</summary>
public static class Table
{
    public static readonly int[] Values = TableSeeds.Make();
}
