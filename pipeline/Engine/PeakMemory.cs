using System.Globalization;

namespace Agop.Pipeline.Engine;

/// <summary>
/// Peak resident memory of the units a process builds, recorded in their manifests' measurements. On Linux it is VmHWM
/// (the high-water mark of the resident set) from /proc/self/status; when a unit starts with no other unit running in the
/// process, the mark is reset first by writing "5" to /proc/self/clear_refs. The unit's manifest then records
/// <see cref="UnitPeak"/> ("peak_rss_mb"): the process's peak while it ran, the unit's own. Where the mark could not be
/// reset, or other units ran in the same process meanwhile (--executor inproc with several jobs), it records
/// <see cref="ProcessPeak"/> ("process_peak_rss_mb") instead: the process's peak so far, an upper bound. Elsewhere (no /proc)
/// nothing is recorded. Megabytes are MiB (1,048,576 bytes).
/// </summary>
public sealed class PeakMemory(string statusPath = "/proc/self/status", string clearRefsPath = "/proc/self/clear_refs")
{
    public const string UnitPeak = "peak_rss_mb";
    public const string ProcessPeak = "process_peak_rss_mb";

    /// <summary>This process's.</summary>
    public static readonly PeakMemory Process = new();

    readonly object _gate = new();
    readonly List<Scope> _active = [];

    /// <summary>The peak of a unit (or group) from here to <see cref="Scope.End"/>; dispose it on every path.</summary>
    public Scope Begin()
    {
        lock (_gate)
        {
            var scope = new Scope(this, _active.Count == 0 && TryReset());
            if (_active.Count > 0)
            {
                foreach (var other in _active) other.Shared = true;
                scope.Shared = true;
            }
            _active.Add(scope);
            return scope;
        }
    }

    /// <summary>The value of one measurement: the unit's own peak or the process's.</summary>
    public readonly record struct Peak(string Name, double Megabytes);

    /// <returns>The peak to record, when this system reports one.</returns>
    public static double? UnitOrProcessPeak(IReadOnlyDictionary<string, double> measurements) =>
        measurements.TryGetValue(UnitPeak, out double own) ? own
        : measurements.TryGetValue(ProcessPeak, out double process) ? process
        : null;

    bool TryReset()
    {
        try
        {
            if (!File.Exists(clearRefsPath)) return false;
            File.WriteAllText(clearRefsPath, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <returns>VmHWM in MiB, or null where the status file is missing or holds none.</returns>
    double? ReadHighWaterMark() => ReadStatus("VmHWM:");

    /// <returns>The process's resident memory now (VmRSS) in MiB, or null where the status file is missing or holds none.</returns>
    public double? Resident() => ReadStatus("VmRSS:");

    double? ReadStatus(string field)
    {
        try
        {
            if (!File.Exists(statusPath)) return null;
            foreach (var line in File.ReadLines(statusPath))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var parts = line[field.Length..].Split(' ', '\t').Where(p => p.Length > 0).ToArray();
                return parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb)
                    ? Math.Round(kb / 1024.0, 1) : null;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public sealed class Scope : IDisposable
    {
        readonly PeakMemory _owner;
        readonly bool _reset;
        bool _ended;

        internal Scope(PeakMemory owner, bool reset)
        {
            _owner = owner;
            _reset = reset;
        }

        internal bool Shared { get; set; }

        /// <summary>Ends the scope and reads the peak: the unit's own where the mark was reset for it alone, else the process's.</summary>
        public Peak? End()
        {
            lock (_owner._gate)
            {
                _ended = true;
                _owner._active.Remove(this);
                return _owner.ReadHighWaterMark() is { } mb ? new Peak(_reset && !Shared ? UnitPeak : ProcessPeak, mb) : null;
            }
        }

        public void Dispose()
        {
            lock (_owner._gate)
                if (!_ended)
                {
                    _ended = true;
                    _owner._active.Remove(this);
                }
        }
    }
}
