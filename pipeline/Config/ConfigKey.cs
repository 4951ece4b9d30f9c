namespace Agop.Pipeline.Config;

public enum ConfigType { Int, Double, Bool, String, IntList, DoubleList, StringList, Blocks }

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
    bool Unique = false,
    IReadOnlyList<ConfigKey>? BlockKeys = null,
    bool Required = false)
{
    public bool IsList => Type is ConfigType.IntList or ConfigType.DoubleList or ConfigType.StringList;

    /// <summary>
    /// A <see cref="ConfigType.Blocks"/> key holds user-named blocks (<c>data.tables.bank.path</c>): each name's block sets the
    /// <see cref="BlockKeys"/>, those marked <see cref="Required"/> at least.
    /// </summary>
    public static ConfigKey Named(string path, string description, IReadOnlyList<ConfigKey> blockKeys) =>
        new(path, ConfigType.Blocks, ConfigBlocks.Empty, description, BlockKeys: blockKeys);
}
