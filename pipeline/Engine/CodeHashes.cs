using System.Text;
using Agop.Pipeline.Config;

namespace Agop.Pipeline.Engine;

/// <summary>
/// SHA-256 of every source file (repository-relative path → hash), taken at build time. A stage's code
/// version hashes the files under the paths it declares, so editing them makes its units stale.
/// </summary>
public sealed class CodeHashes(IReadOnlyDictionary<string, string> files)
{
    public IReadOnlyDictionary<string, string> Files { get; } = files;

    /// <summary>The combined hash of every file equal to or under one of <paramref name="paths"/> ("dir/" for a folder).</summary>
    public string Of(IEnumerable<string> paths)
    {
        var text = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct().Order(StringComparer.Ordinal))
        {
            var matched = Files.Keys.Where(f => Covers(path, f)).ToList();
            if (matched.Count == 0)
                throw new InvalidOperationException($"code dependency '{path}' matches no source file (a typo, or a moved file?)");
            foreach (var file in matched) seen.Add(file);
        }
        foreach (var file in seen.Order(StringComparer.Ordinal)) text.Append(file).Append('=').Append(Files[file]).Append('\n');
        return ExperimentConfig.Sha256Hex(text.ToString());
    }

    public static bool Covers(string path, string file) =>
        path.EndsWith('/') ? file.StartsWith(path, StringComparison.Ordinal) : file == path;

    /// <summary>A copy with one file's hash replaced (tests simulate an edit with it).</summary>
    public CodeHashes WithEdited(string file)
    {
        if (!Files.ContainsKey(file)) throw new ArgumentException($"no source file '{file}'");
        var copy = Files.ToDictionary(StringComparer.Ordinal);
        copy[file] = ExperimentConfig.Sha256Hex("edited:" + Files[file]);
        return new CodeHashes(copy);
    }
}
