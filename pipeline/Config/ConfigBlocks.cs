using System.Text.RegularExpressions;

namespace Agop.Pipeline.Config;

/// <summary>One user-named block of a <see cref="ConfigType.Blocks"/> key: its name, its values by sub-key and its line in the file.</summary>
public sealed record ConfigBlock(string Name, IReadOnlyDictionary<string, object> Values, int Line)
{
    public string String(string key) => (string)Values[key];
    public IReadOnlyList<string> Strings(string key) => (string[])Values[key];

    /// <summary>The block as it goes into unit keys: sub-keys in ordinal order, each canonical.</summary>
    public string Canonical(IEnumerable<string>? leaveOut = null)
    {
        var skip = leaveOut?.ToHashSet(StringComparer.Ordinal) ?? [];
        return "{" + string.Join(", ", Values.Where(kv => !skip.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key + ": " + ExperimentConfig.Canonical(kv.Value))) + "}";
    }
}

/// <summary>The value of a <see cref="ConfigType.Blocks"/> key: user-named blocks in ordinal order of their names.</summary>
public sealed partial class ConfigBlocks(IReadOnlyList<ConfigBlock> blocks)
{
    public static readonly ConfigBlocks Empty = new([]);

    public IReadOnlyList<ConfigBlock> Blocks { get; } = blocks.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
    public IEnumerable<string> Names => Blocks.Select(b => b.Name);

    public ConfigBlock? Find(string name) => Blocks.FirstOrDefault(b => b.Name == name);

    public string Canonical() => "{" + string.Join(", ", Blocks.Select(b => b.Name + ": " + b.Canonical())) + "}";

    public override string ToString() => Canonical();

    /// <summary>A block's name becomes part of unit ids and file names.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex NamePattern();
}
