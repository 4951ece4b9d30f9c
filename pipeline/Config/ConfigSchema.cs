namespace Agop.Pipeline.Config;

/// <summary>The full set of keys a config may set; anything else is an error.</summary>
public sealed class ConfigSchema
{
    readonly Dictionary<string, ConfigKey> _keys = new(StringComparer.Ordinal);

    public ConfigSchema(IEnumerable<ConfigKey> keys)
    {
        foreach (var key in keys)
        {
            if (!_keys.TryAdd(key.Path, key))
                throw new ArgumentException($"duplicate config key {key.Path}");
        }
    }

    public IEnumerable<ConfigKey> Keys => _keys.Values.OrderBy(k => k.Path, StringComparer.Ordinal);

    public bool TryGet(string path, out ConfigKey key) => _keys.TryGetValue(path, out key!);

    /// <summary>True when some key lives below <paramref name="path"/> (so it is a section).</summary>
    public bool IsSection(string path) => _keys.Keys.Any(k => k.StartsWith(path + ".", StringComparison.Ordinal));

    public string? ClosestKey(string path) => Closest(path, _keys.Keys);

    /// <summary>The candidate nearest <paramref name="word"/> by edit distance, when near enough to be a misspelling of it.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int distance = Levenshtein(word, candidate);
            if (distance < bestDistance) { bestDistance = distance; best = candidate; }
        }
        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    internal static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
