using System.Text.Json;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// One line the host writes to a local worker's stdin: build bundle <see cref="Bundle"/> (its <see cref="Units"/>), or
/// <see cref="Cancel"/> (Ctrl+C: units not yet under way are skipped). The end of stdin tells the worker to exit.
/// </summary>
public sealed record WorkerOrder(int Bundle = 0, IReadOnlyList<BundledUnit>? Units = null, bool Cancel = false)
{
    static readonly JsonSerializerOptions Json = new();

    public string ToLine() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">The line is not an order.</exception>
    public static WorkerOrder Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerOrder>(line, Json) ?? throw new InvalidDataException("an empty order");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not an order: {e.Message}", e);
        }
    }
}
