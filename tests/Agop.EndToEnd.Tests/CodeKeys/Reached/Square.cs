namespace Agop.Tests.Engine.CodeKeys.Reached;

public sealed class Square(double side) : IShape
{
    public double Area() => side * side;
}
