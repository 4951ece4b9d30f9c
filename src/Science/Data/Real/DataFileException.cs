namespace Agop.Science.Data.Real;

/// <summary>A data file that is missing, malformed or not the expected one.</summary>
public sealed class DataFileException(string file, string problem) : Exception($"{file}: {problem}")
{
    public string File { get; } = file;
    public string Problem { get; } = problem;
}
