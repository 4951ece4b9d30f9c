namespace Agop.Pipeline.Config;

/// <summary>
/// Reads config values for one unit's settings and remembers every key it read, so the unit's
/// key and its "why is this stale" reasons cover exactly what its settings were built from.
/// </summary>
public sealed class SettingsReader(ExperimentConfig config)
{
    readonly SortedDictionary<string, string> _reads = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Reads => _reads;

    public long Int(string key) => Read(key, config.Int);
    public double Double(string key) => Read(key, config.Double);
    public bool Bool(string key) => Read(key, config.Bool);
    public string String(string key) => Read(key, config.String);
    public IReadOnlyList<long> Ints(string key) => Read(key, config.Ints);
    public IReadOnlyList<double> Doubles(string key) => Read(key, config.Doubles);
    public IReadOnlyList<string> Strings(string key) => Read(key, config.Strings);
    /// <summary>
    /// One named block of a <see cref="ConfigType.Blocks"/> key, recorded as <c>key.name</c> (less <paramref name="leaveOut"/>'s sub-keys,
    /// which the caller covers another way): a unit that reads one table is not stale when another table changes.
    /// </summary>
    public ConfigBlock Block(string key, string name, params string[] leaveOut)
    {
        var block = config.Blocks(key).Find(name) ?? throw new KeyNotFoundException($"config key '{key}' has no block '{name}'");
        _reads[key + "." + name] = block.Canonical(leaveOut);
        return block;
    }

    /// <summary>A value of any schema type, as stored (long, double, bool, string or an array of them).</summary>
    public object Value(string key) => Read(key, k => config[k].Value);

    /// <summary>Records a value that does not come from the config (e.g. the compute device) under a name.</summary>
    public T Note<T>(string name, T value) where T : notnull
    {
        _reads[name] = ExperimentConfig.Canonical(value);
        return value;
    }

    T Read<T>(string key, Func<string, T> read)
    {
        var value = read(key);
        _reads[key] = config.Text(key);
        return value;
    }
}
