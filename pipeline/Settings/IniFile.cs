namespace Agop.Pipeline.Settings;

/// <summary>Cake's cake.config format: [Section] headers, Key=Value lines, ';' or '#' comments.</summary>
public static class IniFile
{
    /// <returns>Values keyed "Section_Key" (case-insensitive).</returns>
    public static IReadOnlyDictionary<string, string> Parse(string path, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
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
            values[(section.Length > 0 ? section + "_" : "") + line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return values;
    }
}
