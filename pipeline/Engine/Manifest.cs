using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Pipeline.Engine;

public sealed record ManifestFile(string Name, long Bytes, string Sha256);

/// <summary>Written beside every artifact: what made it and the hashes that prove it is whole.</summary>
public sealed record Manifest(
    string UnitId,
    string Stage,
    string Key,
    string CodeVersion,
    string Settings,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<ManifestFile> Files,
    DateTimeOffset CreatedUtc,
    double Seconds,
    IReadOnlyDictionary<string, double> Measurements,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string FileName = "manifest.json";

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static Manifest? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
