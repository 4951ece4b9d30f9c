namespace Agop.Tests.Engine.CodeKeys.Reached;

public static class TableSeeds
{
    public static int[] Make() => [1, 2, 3];
}
