namespace Agop.Science.Attribution.Catalog;

/// <summary>What a method needs besides the model and the inputs; the stages provide each.</summary>
[Flags]
public enum MethodNeeds
{
    None = 0,
    /// <summary>The fitted AGOP factor of the model (a FitAgop unit, or a fit inside the unit).</summary>
    AgopFactor = 1,
    /// <summary>The training set's per-feature mean and standard deviation.</summary>
    TrainingStatistics = 2,
    /// <summary>diag(M) of the model's AGOP over its training set (the image track's FitAgop unit).</summary>
    AgopDiagonal = 4,
}

/// <summary>The kinds of data a method runs on; each has its own config block (<c>methods.*</c>, <c>image.methods.*</c>).</summary>
[Flags]
public enum Modalities
{
    Tabular = 1,
    /// <summary>N×C×H×W images (Part 3).</summary>
    Image = 2,
}

/// <summary>What the stages pass as <c>baselines</c>.</summary>
public enum BaselinePolicy
{
    /// <summary>Nothing: the method has no reference point.</summary>
    None,
    /// <summary>The training mean, one row broadcast over the inputs.</summary>
    TrainingMean,
    /// <summary>A seeded sample of training rows, as many as the method's "background" option.</summary>
    BackgroundSample,
}

/// <summary>A method's config option: <c>methods.&lt;id&gt;.&lt;Name&gt;</c> (tabular) and <c>image.methods.&lt;id&gt;.&lt;Name&gt;</c> (images).</summary>
/// <param name="ImageDefault">The default on images when it differs from the tabular one.</param>
/// <param name="Allowed">For a text option, the values it may take.</param>
/// <param name="AppliesTo">The modalities whose config block has this option.</param>
public sealed record MethodOption(string Name, object Default, string Description, double? Min = null, double? Max = null,
    object? ImageDefault = null, IReadOnlyList<string>? Allowed = null, Modalities AppliesTo = Modalities.Tabular | Modalities.Image)
{
    public object DefaultFor(Modalities modality) => modality == Modalities.Image ? ImageDefault ?? Default : Default;
}

/// <summary>One attribution method, declared once next to its class: the catalog, the schema, the stages and the report read it.</summary>
public sealed record MethodDescriptor
{
    public MethodDescriptor(string id, string displayName, string summary, Func<MethodSettings, MethodResources, IAttributionMethod> create)
    {
        Id = id;
        DisplayName = displayName;
        Summary = summary;
        Create = create;
    }

    public string Id { get; }
    public string DisplayName { get; }
    public string Summary { get; }
    public Func<MethodSettings, MethodResources, IAttributionMethod> Create { get; }

    public IReadOnlyList<MethodOption> Options { get; init; } = [];
    /// <summary>The data the method runs on; tabular unless declared.</summary>
    public Modalities Modalities { get; init; } = Modalities.Tabular;
    public MethodNeeds Needs { get; init; }
    public BaselinePolicy Baseline { get; init; } = BaselinePolicy.TrainingMean;
    /// <summary>ROAR attributes this many training samples (a config key) instead of all of them, for costly methods.</summary>
    public string? RoarSampleBudgetKey { get; init; }
    /// <summary>The method the paper proposes: the report tests every other method against it.</summary>
    public bool Proposed { get; init; }

    public string OptionKey(string option) => OptionKey(option, Modalities.Tabular);

    public string OptionKey(string option, Modalities modality) => modality == Modalities.Image ? $"image.methods.{Id}.{option}" : $"methods.{Id}.{option}";

    /// <summary>The options that exist in <paramref name="modality"/>'s config block (none when the method does not run there).</summary>
    public IEnumerable<MethodOption> OptionsFor(Modalities modality) =>
        Modalities.HasFlag(modality) ? Options.Where(o => o.AppliesTo.HasFlag(modality)) : [];
}
