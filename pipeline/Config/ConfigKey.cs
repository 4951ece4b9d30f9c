namespace Agop.Pipeline.Config;

public enum ConfigType { Int, Double, Bool, String, IntList, DoubleList, StringList }

/// <summary>One key a config may set: its type, default, range and meaning.</summary>
public sealed record ConfigKey(
    string Path,
    ConfigType Type,
    object Default,
    string Description,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Allowed = null,
    int MinCount = 0,
    bool Unique = false)
{
    public bool IsList => Type is ConfigType.IntList or ConfigType.DoubleList or ConfigType.StringList;
}
