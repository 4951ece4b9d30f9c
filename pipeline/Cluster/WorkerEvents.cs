using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Cluster;

public enum WorkerEventKind { Started, Progress, Finished, Exit }

/// <summary>One line of a job's event file: what the job did with one of its units, or that it is done.</summary>
public sealed record WorkerEvent(
    WorkerEventKind Kind,
    string? Unit,
    UnitOutcome? Outcome = null,
    double Seconds = 0,
    double Fraction = 0,
    string? Status = null,
    string? Error = null,
    string? JobId = null);

/// <summary>Appends events, one JSON object per line, flushed as written (the submitting host polls the file).</summary>
public sealed class WorkerEventWriter(string file) : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    readonly FileStream _stream = new(file, FileMode.Append, FileAccess.Write, FileShare.Read);
    readonly object _gate = new();

    public void Write(WorkerEvent e)
    {
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(e, Json) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush(flushToDisk: e.Kind is WorkerEventKind.Finished or WorkerEventKind.Exit);
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
            try
            {
                if (JsonSerializer.Deserialize<WorkerEvent>(line, WorkerEventWriter.Json) is { } e) events.Add(e);
            }
            catch (JsonException) { } // a line cut by a killed job: the job's end is detected through squeue
        }
        return events;
    }
}
