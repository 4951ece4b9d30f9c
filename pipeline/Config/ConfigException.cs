namespace Agop.Pipeline.Config;

/// <summary>A config that cannot be run: names the file, line and key.</summary>
public sealed class ConfigException(string file, int line, string key, string problem)
    : Exception(Format(file, line, key, problem))
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Key { get; } = key;
    public string Problem { get; } = problem;

    static string Format(string file, int line, string key, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        return string.IsNullOrEmpty(key) ? $"{where}: {problem}" : $"{where}: key '{key}': {problem}";
    }
}
