using System.Text.RegularExpressions;

namespace Agop.Pipeline.Engine;

/// <summary>
/// What a parsed manifest must hold beyond its JSON shape: non-empty ids, no null entries, and file
/// entries that name a file inside the unit folder with a size and a SHA-256.
/// </summary>
public static partial class ManifestCheck
{
    /// <returns>The first problem found, or null when the manifest is well-formed.</returns>
    public static string? Problem(Manifest manifest)
    {
        if (string.IsNullOrWhiteSpace(manifest.UnitId)) return "manifest has an empty unit_id";
        if (string.IsNullOrWhiteSpace(manifest.Stage)) return "manifest has an empty stage";
        if (string.IsNullOrWhiteSpace(manifest.Key)) return "manifest has an empty key";
        foreach (var (name, map) in new[] { ("parameters", manifest.Parameters), ("inputs", manifest.Inputs), ("environment", manifest.Environment) })
            if (map.Values.Any(v => v is null)) return $"manifest {name} holds a null value";
        if (manifest.Files.Count == 0) return "manifest lists no files (every unit writes at least one)";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (file is null) return "manifest files list holds a null entry";
            if (!IsPlainRelativePath(file.Name)) return $"manifest lists a file outside the unit folder: '{file.Name}'";
            if (file.Name == Manifest.FileName) return "manifest lists itself";
            if (!seen.Add(file.Name)) return $"manifest lists {file.Name} twice";
            if (file.Bytes < 0) return $"manifest gives {file.Name} a negative size";
            if (!Sha256Hex().IsMatch(file.Sha256)) return $"manifest gives {file.Name} a malformed sha256";
        }
        return null;
    }

    /// <summary>A '/'-separated path below the folder: no root, no empty, '.' or '..' segment, no backslash.</summary>
    static bool IsPlainRelativePath(string name) =>
        name.Length > 0 && !name.Contains('\\') && !name.Contains('\0') && !Path.IsPathRooted(name)
        && name.Split('/').All(segment => segment is not ("" or "." or ".."));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
