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
        // A manifest missing a field, or holding null where the record has none, is corrupt rather than half-read.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static Manifest? TryRead(string path) => TryRead(path, out _);

    /// <returns>The manifest when it is present, parses and is well-formed as a whole; else null and the problem in words.</returns>
    public static Manifest? TryRead(string path, out string problem)
    {
        Manifest? manifest;
        try
        {
            if (!File.Exists(path))
            {
                problem = "manifest missing";
                return null;
            }
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException
                                      or IOException or UnauthorizedAccessException)
        {
            problem = "manifest unreadable: " + e.Message.ReplaceLineEndings(" ");
            return null;
        }
        problem = manifest is null ? "manifest is empty (null)" : ManifestCheck.Problem(manifest) ?? "";
        return problem.Length == 0 ? manifest : null;
    }
}
