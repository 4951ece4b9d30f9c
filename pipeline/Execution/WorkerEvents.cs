using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution;

/// <summary>
/// <see cref="Exit"/>: a Slurm job is done with its bundle and ends; <see cref="BundleDone"/>: a local worker is done with
/// bundle <see cref="WorkerEvent.Bundle"/> and waits for the next.
/// </summary>
/// <summary><see cref="WorkerEventKind.Retiring"/>: the worker ends after the bundle it is finishing (sent before its BundleDone), so it takes no other.</summary>
public enum WorkerEventKind { Started, Progress, Finished, Exit, BundleDone, Retiring }

/// <summary>One line of a worker's events (a Slurm job's event file, a local worker's stdout): what it did with one of its units, or that it is done.</summary>
public sealed record WorkerEvent(
    WorkerEventKind Kind,
    string? Unit,
    UnitOutcome? Outcome = null,
    double Seconds = 0,
    double Fraction = 0,
    string? Status = null,
    string? Error = null,
    string? JobId = null,
    int? Bundle = null);

/// <summary>Writes events, one JSON object per line, flushed as written (the host follows the file or the pipe).</summary>
public sealed class WorkerEventWriter(Stream stream) : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    readonly Stream _stream = stream;
    readonly object _gate = new();

    /// <summary>Appends to a job's event file.</summary>
    public WorkerEventWriter(string file) : this(new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read)) { }

    public static string ToLine(WorkerEvent e) => JsonSerializer.Serialize(e, Json);

    /// <summary>The event on one line, or null for a line that is not one (e.g. cut short by a killed worker).</summary>
    public static WorkerEvent? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkerEvent>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(WorkerEvent e)
    {
        var line = Encoding.UTF8.GetBytes(ToLine(e) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            if (_stream is FileStream file) file.Flush(flushToDisk: e.Kind is WorkerEventKind.Finished or WorkerEventKind.Exit);
            else _stream.Flush();
        }
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>Reads the complete lines a job has appended since the last call; a half-written last line waits.</summary>
public sealed class WorkerEventReader(string file)
{
    long _offset;
    readonly List<byte> _partial = [];

    public IReadOnlyList<WorkerEvent> ReadNew()
    {
        var events = new List<WorkerEvent>();
        if (!File.Exists(file)) return events;
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.Length <= _offset) return events;
            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - _offset];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            _offset += read;
            _partial.AddRange(buffer.AsSpan(0, read));
        }
        int newline;
        while ((newline = _partial.IndexOf((byte)'\n')) >= 0)
        {
            string line = Encoding.UTF8.GetString(_partial.GetRange(0, newline).ToArray());
            _partial.RemoveRange(0, newline + 1);
            if (line.Length == 0) continue;
            // A line cut by a killed job is not an event: the job's end is detected through squeue.
            if (WorkerEventWriter.Parse(line) is { } e) events.Add(e);
        }
        return events;
    }
}
