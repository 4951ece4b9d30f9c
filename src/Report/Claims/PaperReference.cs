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
    /// <summary>How the check decides the claim, in words (printed in Table 6b).</summary>
    public string Check { get; set; } = "";
}

/// <summary>The paper's published numbers and claims, read from a YAML data file (never from code).</summary>
public sealed class PaperReference
{
    public string Paper { get; set; } = "";
    public List<PaperNumber> Numbers { get; set; } = [];
    public List<PaperClaim> Claims { get; set; } = [];

    public static PaperReference Parse(string yaml) => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build()
        .Deserialize<PaperReference>(yaml) ?? new PaperReference();

    public static PaperReference Load(string path) => Parse(File.ReadAllText(path));
}
