using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Tests.Engine.CodeKeys.Reached;
using Agop.Tests.Engine.CodeKeys.Reached.Helpers;

namespace Agop.Tests.Engine.CodeKeys;

/// <summary>
/// A target whose units reach the files under <c>Reached/</c> in every way code can be reached: a helper in another
/// folder, an interface implementation created by a delegate the settings carry, a generic, a static field initialiser,
/// a record's method; and one unit that only reads another's output.
/// </summary>
public sealed class ReachTarget : Target
{
    public sealed record Settings(string Name, [property: JsonIgnore] Func<IShape>? Shape = null);

    public override string Description => "units for the code-key tests";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        WorkUnit Make(string name, Action<UnitContext, Settings> body, Func<IShape>? shape = null, WorkUnit? input = null) =>
            Unit(plan, $"reach/{name}", plan.Read(_ => new Settings(name, shape)), input is null ? [] : [new UnitInput("in", input)], body);

        yield return Make("helper", static (context, _) => Write(context, Arithmetic.Twice(2)));
        var square = Make("square", static (context, s) => Write(context, s.Shape!().Area()), ShapeFactories.NewSquare);
        yield return square;
        yield return Make("circle", static (context, s) => Write(context, s.Shape!().Area()), ShapeFactories.NewCircle);
        yield return Make("generic", static (context, _) => Write(context, new Box<int>(3).Open()));
        yield return Make("static", static (context, _) => Write(context, Table.Values.Length));
        yield return Make("record", static (context, _) => Write(context, new Point(1, -2).Manhattan()));
        yield return Make("after-square", static (context, _) => File.Copy(Path.Combine(context.Input("in"), "out.txt"), context.Output("out.txt")),
            input: square);
    }

    static void Write(UnitContext context, double value) => File.WriteAllText(context.Output("out.txt"), value.ToString("R"));
}
