namespace Agop.Science.Attribution.Catalog;

/// <summary>Every attribution method the pipeline can run, in report order. Adding a method: its file plus one line here.</summary>
public sealed class MethodCatalog
{
    /// <remarks>Each modality's methods appear in this order in its config defaults and tables.</remarks>
    public static MethodCatalog Default { get; } = new(
    [
        AgopInputXGradient.Descriptor,
        InputXGradient.Descriptor,
        AgopWeighted.Descriptor,
        AgopLocal.Descriptor,
        AgopGlobal.Descriptor,
        VanillaGradient.Descriptor,
        IntegratedGradients.Descriptor,
        DeepShap.Descriptor,
        Lime.Descriptor,
        SmoothGrad.Descriptor,
        GradCam.Descriptor,
        RandomAttribution.Descriptor,
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

    /// <summary>The methods that run on <paramref name="modality"/>, in catalog order.</summary>
    public IReadOnlyList<MethodDescriptor> For(Modalities modality) => _methods.Where(m => m.Modalities.HasFlag(modality)).ToList();

    public MethodDescriptor this[string id] => _methods.FirstOrDefault(m => m.Id == id)
        ?? throw new KeyNotFoundException($"unknown method '{id}'; known: {string.Join(", ", Ids)}");

    /// <summary>The paper's method, when the catalog has one (the tabular paper's; see <see cref="ProposedFor"/>).</summary>
    public MethodDescriptor? Proposed => ProposedFor(Modalities.Tabular);

    public MethodDescriptor? ProposedFor(Modalities modality) => For(modality).FirstOrDefault(m => m.Proposed);

    public MethodCatalog With(MethodDescriptor method) => new(_methods.Append(method));
}
