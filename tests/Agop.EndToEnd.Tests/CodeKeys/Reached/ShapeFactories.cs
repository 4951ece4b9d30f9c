namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>Delegates a unit's settings carry, one per shape, as a method descriptor carries its factory.</summary>
public static class ShapeFactories
{
    public static IShape NewSquare() => new Square(2);
    public static IShape NewCircle() => new Circle(1);
}
