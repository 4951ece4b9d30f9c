namespace Agop.Pipeline.Engine;

/// <summary>Checks, before any work, that an artifacts path names a folder that exists or could be created.</summary>
public static class ArtifactsPath
{
    /// <returns>Why the path cannot be the artifacts folder (a sentence that names it), or null.</returns>
    public static string? Problem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "path is empty";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"'{path}' is not a valid path: {e.Message}";
        }
        if (File.Exists(full)) return $"'{path}' is a file, not a folder";
        for (var dir = Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) break;
            if (File.Exists(dir)) return $"'{path}' is under '{dir}', which is a file";
        }
        return null;
    }
}
