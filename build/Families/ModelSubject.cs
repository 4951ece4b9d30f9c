using System.Text.Json.Serialization;

namespace Agop.Build.Families;

/// <summary>
/// One trained model the pipeline explains (a Part 1 MLP, a ROAR t = 0 model, a Part 3 CNN): its family, the units that hold its data
/// and weights, and the methods whose attributions of it are scored.
/// </summary>
public sealed record ModelSubject(string Family, string Dataset, int Seed, string DataId, string ModelId, IReadOnlyList<string> Methods)
{
    /// <summary>The seed its data was made with (an image dataset shared across seeds: the first seed's).</summary>
    public int DataSeed { get; init; } = Seed;

    [JsonIgnore] public IDataFamily Of => DataFamilies.Get(Family);

    /// <summary>The unit holding <paramref name="method"/>'s attributions of this model's test samples.</summary>
    public string AttributionId(string method) => Of.AttributionId(this, method);

    string Prefix => $"{Family}/{Dataset}/seed{Seed}";
    public string FaithId(string method) => $"faith/{Prefix}/{method}";
    public string FeiId(string variant) => $"fei/{Prefix}/{variant}";
}
