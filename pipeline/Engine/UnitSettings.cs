using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agop.Pipeline.Engine;

/// <summary>A unit's typed settings and the config keys they were read from. The key hashes <see cref="Json"/>.</summary>
public sealed class UnitSettings<T>(T value, IReadOnlyDictionary<string, string> reads) where T : notnull
{
    static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public T Value { get; } = value;
    public IReadOnlyDictionary<string, string> Reads { get; } = reads;
    public string Json { get; } = JsonSerializer.Serialize(value, Canonical);
}
