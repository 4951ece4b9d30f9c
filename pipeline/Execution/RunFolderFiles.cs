using System.Text.Json;

namespace Agop.Pipeline.Execution;

/// <summary>The JSON files of a run folder (request, bundles): written whole by rename, read back strictly.</summary>
public static class RunFolderFiles
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, RespectNullableAnnotations = true };

    public static void Write<T>(string file, T value) => WriteAtomically(file, JsonSerializer.Serialize(value, Json));

    public static T Read<T>(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} is empty");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new InvalidDataException($"{file} is not readable: {e.Message}", e);
        }
    }

    public static void WriteAtomically(string file, string text)
    {
        string temp = file + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(temp, text);
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>A new run id: sortable by time, unique among runs started in the same second.</summary>
    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
