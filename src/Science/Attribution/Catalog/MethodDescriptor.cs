using System.Runtime.CompilerServices;

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

/// <summary>A method's config option: <c>methods.&lt;id&gt;.&lt;Name&gt;</c>.</summary>
public sealed record MethodOption(string Name, object Default, string Description, double? Min = null, double? Max = null);

/// <summary>One attribution method, declared once next to its class: the catalog, the schema, the stages and the report read it.</summary>
public sealed record MethodDescriptor
{
    public MethodDescriptor(string id, string displayName, string summary, Func<MethodSettings, MethodResources, IAttributionMethod> create,
        [CallerFilePath] string sourceFile = "")
    {
        Id = id;
        DisplayName = displayName;
        Summary = summary;
        Create = create;
        SourceFile = sourceFile;
    }

    public string Id { get; }
    public string DisplayName { get; }
    public string Summary { get; }
    public Func<MethodSettings, MethodResources, IAttributionMethod> Create { get; }
    /// <summary>The file that declares the method (absolute, as compiled); its content is part of the method's unit keys.</summary>
    public string SourceFile { get; }

    public IReadOnlyList<MethodOption> Options { get; init; } = [];
    public MethodNeeds Needs { get; init; }
    public BaselinePolicy Baseline { get; init; } = BaselinePolicy.TrainingMean;
    /// <summary>Other source files whose code the method runs (repository-relative), beyond the shared attribution code.</summary>
    public IReadOnlyList<string> UsesCode { get; init; } = [];
    /// <summary>ROAR attributes this many training samples (a config key) instead of all of them, for costly methods.</summary>
    public string? RoarSampleBudgetKey { get; init; }
    /// <summary>The method the paper proposes: the report tests every other method against it.</summary>
    public bool Proposed { get; init; }

    public string OptionKey(string option) => $"methods.{Id}.{option}";
}
