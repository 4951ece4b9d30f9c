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

/// <summary>A claim of the paper and the parameters of the check that decides it (kind: leads, speedup, roar_cluster, roar_rank).</summary>
public sealed class PaperClaim
{
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
