namespace Agop.Tests.Engine.CodeKeys.Reached;

public sealed class Circle(double radius) : IShape
{
    public double Area() => Math.PI * radius * radius;
}
