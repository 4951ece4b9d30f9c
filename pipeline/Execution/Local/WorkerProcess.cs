using System.Diagnostics;
using System.Text;
using Agop.Pipeline.Engine;

namespace Agop.Pipeline.Execution.Local;

/// <summary>
/// The host's side of one local worker process: sends it one bundle at a time on its stdin, turns the events it writes on
/// stdout into the scheduler's events, keeps its stderr in its log, and when it dies ends its bundle with how it died.
/// </summary>
sealed class WorkerProcess : IDisposable
{
    readonly Process _process;
    readonly EventQueue _events;
    readonly Action<WorkerProcess> _ended;
    readonly StreamWriter _log;
    readonly Thread _stdout, _stderr;
    readonly object _gate = new();
    ExecutionBundle? _bundle;
    bool _exited, _logClosed, _retiring;

    WorkerProcess(Process process, string logFile, EventQueue events, Action<WorkerProcess> ended)
    {
        _process = process;
        _events = events;
        _ended = ended;
        LogFile = logFile;
        _log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        _stdout = new Thread(ReadEvents) { IsBackground = true, Name = $"worker {Pid} events" };
        _stderr = new Thread(CopyErrors) { IsBackground = true, Name = $"worker {Pid} stderr" };
    }

    public int Pid => _process.Id;
    public string LogFile { get; }

    /// <summary>Alive and not building a bundle.</summary>
    public bool IsIdle
    {
        get { lock (_gate) return _bundle is null && !_exited && !_retiring; }
    }

    /// <param name="command">The host's own command line; "--worker &lt;run folder&gt;" is added.</param>
    /// <param name="ended">Called (on the worker's event thread) once the process has ended, before its bundle is ended.</param>
    public static WorkerProcess Start(IReadOnlyList<string> command, LocalRunFolder folder, EventQueue events, Action<WorkerProcess> ended)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        // Dynamic PGO stays on: turning it off saved about a second per worker on the smoke config but made a 50 s DeepSHAP
        // ranking unit 8 % slower (54.3 s against 50.7-51.9 s, measured); the default run is made of long units.
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--worker");
        start.ArgumentList.Add(folder.Path);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        var worker = new WorkerProcess(process, folder.LogFile(process.Id), events, ended);
        worker.Log($"worker {process.Id} started {DateTime.UtcNow:O}: {string.Join(' ', start.ArgumentList.Prepend(command[0]))}");
        worker._stdout.Start();
        worker._stderr.Start();
        return worker;
    }

    /// <returns>False when the worker has already ended (the bundle was not taken).</returns>
    public bool Send(ExecutionBundle bundle)
    {
        lock (_gate)
        {
            if (_exited || _retiring || _bundle is not null) return false;
            _bundle = bundle;
        }
        var order = new WorkerOrder(bundle.Id, bundle.Units.Select(p => new BundledUnit(p.Unit.Id, p.Unit.Key, p.Reason)).ToList());
        Write(order.ToLine()); // a worker that died meanwhile ends the bundle from its event thread
        return true;
    }

    public void Cancel() => Write(new WorkerOrder(Cancel: true).ToLine());

    void Write(string line)
    {
        try
        {
            lock (_process)
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    void ReadEvents()
    {
        var reader = _process.StandardOutput;
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            if (WorkerEventWriter.Parse(line) is { } e) Handle(e);
            else if (line.Length > 0) Log("stdout: " + line); // something printed that is not an event
        }
        _process.WaitForExit();
        _stderr.Join(TimeSpan.FromSeconds(5)); // its last words, before the log is named
        int exitCode = _process.ExitCode;
        ExecutionBundle? unfinished;
        lock (_gate)
        {
            unfinished = _bundle;
            _bundle = null;
            _exited = true;
        }
        Log($"worker {Pid} ended {WorkerExit.Describe(exitCode)}");
        _ended(this);
        if (unfinished is not null)
            _events.Post(new BundleEndedEvent(unfinished.Id, UnitOutcome.Failed, $"worker {Pid} ended {WorkerExit.Describe(exitCode)}; log {LogFile}"));
    }

    static string? ReadLine(StreamReader reader)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException)
        {
            return null;
        }
    }

    void Handle(WorkerEvent e)
    {
        switch (e.Kind)
        {
            case WorkerEventKind.Started when e.Unit is not null:
                _events.Post(new UnitStartedEvent(e.Unit));
                break;
            case WorkerEventKind.Progress when e.Unit is not null:
                _events.Post(new UnitProgressEvent(e.Unit, e.Fraction, e.Status));
                break;
            case WorkerEventKind.Finished when e.Unit is not null:
                _events.Post(new UnitFinishedEvent(e.Unit, e.Outcome ?? UnitOutcome.Failed, TimeSpan.FromSeconds(e.Seconds), e.Error));
                break;
            case WorkerEventKind.Retiring:
                lock (_gate) _retiring = true;
                break;
            case WorkerEventKind.BundleDone:
                ExecutionBundle? done;
                lock (_gate)
                {
                    done = _bundle?.Id == e.Bundle ? _bundle : null;
                    if (done is not null) _bundle = null; // idle before the scheduler hears of it, so it can take the next bundle
                }
                if (done is not null) _events.Post(new BundleEndedEvent(done.Id, UnitOutcome.Failed, $"worker {Pid} did not report this unit; log {LogFile}"));
                break;
        }
    }

    void CopyErrors()
    {
        string? line;
        while ((line = ReadLine(_process.StandardError)) is not null) Log(line);
    }

    void Log(string line)
    {
        lock (_log)
            if (!_logClosed) _log.WriteLine(line);
    }

    /// <summary>Closes its stdin (the worker exits once its bundle is done) and waits; one that does not exit is killed.</summary>
    public void Dispose()
    {
        try
        {
            lock (_process) _process.StandardInput.Close();
        }
        catch (IOException) { }
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        }
        _stdout.Join(TimeSpan.FromSeconds(10));
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
        _process.Dispose();
    }
}
