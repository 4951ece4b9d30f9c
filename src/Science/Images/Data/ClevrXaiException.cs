namespace Agop.Science.Images.Data;

/// <summary>A CLEVR-XAI copy that is missing, incomplete or malformed; <see cref="Path"/> is the exact file or folder at fault.</summary>
public sealed class ClevrXaiException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
