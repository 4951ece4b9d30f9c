using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Agop.Pipeline.Config;

/// <summary>Where a resolved value came from: a file line, a --set override or the schema default.</summary>
public sealed record ConfigValue(object Value, string Source);

/// <summary>A validated config: every schema key resolved to a typed value.</summary>
public sealed class ExperimentConfig
{
    readonly IReadOnlyDictionary<string, ConfigValue> _values;

    public ExperimentConfig(string filePath, string fileText, IReadOnlyDictionary<string, ConfigValue> values,
        IReadOnlyList<ConfigVariant>? variants = null)
    {
        Variants = variants ?? [];
        FilePath = filePath;
        FileText = fileText;
        _values = values;
        Hash = Sha256Hex(string.Join("\n", _values.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + Canonical(kv.Value.Value))));
    }

    /// <summary>The robustness variants: the base config with each variant's overrides on top (none in a variant itself).</summary>
    public IReadOnlyList<ConfigVariant> Variants { get; }
    public string FilePath { get; }
    public string FileText { get; }
    /// <summary>Hash of every resolved value (file, overrides and defaults together).</summary>
    public string Hash { get; }
    public IEnumerable<string> Keys => _values.Keys.OrderBy(k => k, StringComparer.Ordinal);

    public ConfigValue this[string key] => _values.TryGetValue(key, out var v)
        ? v : throw new KeyNotFoundException($"config key '{key}' is not in the schema");

    public long Int(string key) => (long)this[key].Value;
    public double Double(string key) => (double)this[key].Value;
    public bool Bool(string key) => (bool)this[key].Value;
    public string String(string key) => (string)this[key].Value;
    public IReadOnlyList<long> Ints(string key) => (long[])this[key].Value;
    public IReadOnlyList<double> Doubles(string key) => (double[])this[key].Value;
    public IReadOnlyList<string> Strings(string key) => (string[])this[key].Value;
    public ConfigBlocks Blocks(string key) => (ConfigBlocks)this[key].Value;

    /// <summary>Canonical text of a value, the form that goes into unit keys.</summary>
    public string Text(string key) => Canonical(this[key].Value);

    public static string Canonical(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        long[] ls => "[" + string.Join(", ", ls.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]",
        double[] ds => "[" + string.Join(", ", ds.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        string[] ss => "[" + string.Join(", ", ss) + "]",
        ConfigBlocks blocks => blocks.Canonical(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Sha256Hex(string text) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
