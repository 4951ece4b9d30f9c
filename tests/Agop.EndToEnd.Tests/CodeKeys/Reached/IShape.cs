namespace Agop.Tests.Engine.CodeKeys.Reached;

/// <summary>An interface whose implementations the units reach only through their settings' factories.</summary>
public interface IShape
{
    double Area();
}
