namespace Agop.Science.Attribution.Catalog;

/// <summary>Every attribution method the pipeline can run, in report order. Adding a method: its file plus one line here.</summary>
public sealed class MethodCatalog
{
    public static MethodCatalog Default { get; } = new(
    [
        AgopInputXGradient.Descriptor,
        InputXGradient.Descriptor,
        IntegratedGradients.Descriptor,
        DeepShap.Descriptor,
        Lime.Descriptor,
    ]);

    readonly List<MethodDescriptor> _methods;

    public MethodCatalog(IEnumerable<MethodDescriptor> methods)
    {
        _methods = methods.ToList();
        var duplicate = _methods.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"method '{duplicate.Key}' is declared twice");
    }

    public IReadOnlyList<MethodDescriptor> Methods => _methods;
    public IReadOnlyList<string> Ids => _methods.Select(m => m.Id).ToList();

    public MethodDescriptor this[string id] => _methods.FirstOrDefault(m => m.Id == id)
        ?? throw new KeyNotFoundException($"unknown method '{id}'; known: {string.Join(", ", Ids)}");

    /// <summary>The paper's method, when the catalog has one.</summary>
    public MethodDescriptor? Proposed => _methods.FirstOrDefault(m => m.Proposed);

    public MethodCatalog With(MethodDescriptor method) => new(_methods.Append(method));
}
