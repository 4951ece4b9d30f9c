namespace Agop.Pipeline.Settings;

/// <summary>One <c>Key = Value</c> line of an INI file, with its section and line number.</summary>
public sealed record IniEntry(string Section, string Key, string Value, int Line)
{
    /// <summary>"Section_Key", the form environment variables and lookups use.</summary>
    public string Name => (Section.Length > 0 ? Section + "_" : "") + Key;
}

/// <summary>Cake's cake.config format: [Section] headers, Key=Value lines, ';' or '#' comments.</summary>
public static class IniFile
{
    /// <returns>Values keyed "Section_Key" (case-insensitive).</returns>
    public static IReadOnlyDictionary<string, string> Parse(string path, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries(path, text)) values[entry.Name] = entry.Value;
        return values;
    }

    /// <returns>Every Key=Value line in file order.</returns>
    public static IReadOnlyList<IniEntry> Entries(string path, string text)
    {
        var entries = new List<IniEntry>();
        string section = "";
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#') continue;
            if (line[0] == '[')
            {
                if (!line.EndsWith(']')) throw new FormatException($"{path}:{lineNumber}: section header is missing ']'");
                section = line[1..^1].Trim();
                continue;
            }
            int eq = line.IndexOf('=');
            if (eq <= 0) throw new FormatException($"{path}:{lineNumber}: expected Key=Value, got '{line}'");
            entries.Add(new IniEntry(section, line[..eq].Trim(), line[(eq + 1)..].Trim(), lineNumber));
        }
        return entries;
    }
}
