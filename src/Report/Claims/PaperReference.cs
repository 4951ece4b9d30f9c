using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Agop.Report;

public sealed class PaperNumber
{
    public int Part { get; set; }
    public string Dataset { get; set; } = "";
    public string Method { get; set; } = "";
    public string Metric { get; set; } = "";
    public double Value { get; set; }
    /// <summary>Where the paper reports it: section, table or line of the seed text (or the SPEC section that kept it).</summary>
    public string Where { get; set; } = "";
}

/// <summary>One fact of the paper's scale (seeds, epochs, samples) beside the config key that sets ours.</summary>
public sealed class PaperScale
{
    /// <summary>The part it applies to (1–4).</summary>
    public int Part { get; set; }
    /// <summary>The config key whose value is our scale (a list counts its items).</summary>
    public string Key { get; set; } = "";
    /// <summary>What it is, in words ("ROAR epochs").</summary>
    public string Name { get; set; } = "";
    /// <summary>The paper's value, as the paper states it.</summary>
    public string Paper { get; set; } = "";
}

/// <summary>A claim of a paper and the parameters of the check that decides it; <see cref="Kind"/> names a <see cref="Claims.ClaimKind"/>.</summary>
public sealed class PaperClaim
{
    /// <summary>The claim's id in the SPEC (H1 …); empty in the Part 1/2 file.</summary>
    public string Id { get; set; } = "";
    /// <summary>The paper's value as the paper states it ("+44 %", "7×", "qualitative").</summary>
    public string Paper { get; set; } = "";
    /// <summary>The paper's value as a number, where it has one.</summary>
    public double Value { get; set; } = double.NaN;
    public string Note { get; set; } = "";
    /// <summary>Part 3: the XAI-TRIS background the check reads (empty: white).</summary>
    public string Background { get; set; } = "";
    public List<string> Methods { get; set; } = [];
    public List<string> Others { get; set; } = [];
    public string Text { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Metric { get; set; } = "";
    public string Method { get; set; } = "";
    public List<string> Datasets { get; set; } = [];
    public string Dataset { get; set; } = "";
    public string Over { get; set; } = "";
    public double AtLeast { get; set; }
    public double Within { get; set; }
    public string Rank { get; set; } = "";
    /// <summary>The relative tolerance an "about"/"approximately" allows on <see cref="AtLeast"/> or <see cref="Within"/> (0.05 = 5 %).</summary>
    public double Tolerance { get; set; }
    /// <summary>Why that tolerance: printed beside the verdict.</summary>
    public string ToleranceReason { get; set; } = "";
    /// <summary>A lead the paper itself calls marginal or a near-tie: a tie is what it claims, so a tie holds.</summary>
    public bool TieHolds { get; set; }
    /// <summary>leads: "best" (default) or "worst" (the method trails every other).</summary>
    public string Order { get; set; } = "";
    /// <summary>The removal fractions a ROAR claim reads (empty: all that ran).</summary>
    public List<double> Fractions { get; set; } = [];
    /// <summary>below: "chance" compares with the analytic chance level instead of a method's scores.</summary>
    public string Against { get; set; } = "";
    /// <summary>How the check decides the claim, in words (printed in Table 6b).</summary>
    public string Check { get; set; } = "";
}

/// <summary>The paper's published numbers and claims, read from a YAML data file (never from code).</summary>
public sealed class PaperReference
{
    public string Paper { get; set; } = "";
    public List<PaperNumber> Numbers { get; set; } = [];
    public List<PaperClaim> Claims { get; set; } = [];
    /// <summary>The paper's scale, fact by fact, for the scale column of each verdict.</summary>
    public List<PaperScale> Scale { get; set; } = [];

    public static PaperReference Parse(string yaml) => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build()
        .Deserialize<PaperReference>(yaml) ?? new PaperReference();

    public static PaperReference Load(string path) => Parse(File.ReadAllText(path));
}
