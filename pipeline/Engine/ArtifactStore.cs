using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace Agop.Pipeline.Engine;

public enum ArtifactState { Valid, Missing, Corrupt }

public sealed record ArtifactCheck(ArtifactState State, string Detail)
{
    public static readonly ArtifactCheck Ok = new(ArtifactState.Valid, "");
}

/// <summary>What the last successful run recorded for a unit id: the basis for "why is this stale".</summary>
public sealed record UnitIndexEntry(string Key, string CodeVersion, string Settings, Dictionary<string, string> Parameters, Dictionary<string, string> Inputs);

/// <summary>
/// Content-keyed artifact folders under <c>store/&lt;stage&gt;/&lt;key&gt;</c>. Units write into a
/// private temp folder; a manifest with file hashes is written last and the folder is renamed
/// into place, so a killed process never leaves a folder that verifies.
/// </summary>
public sealed class ArtifactStore
{
    readonly ConcurrentDictionary<string, ArtifactCheck> _verified = new(StringComparer.Ordinal);

    public ArtifactStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }
    string TempRoot => Path.Combine(Root, "tmp");
    string IndexRoot => Path.Combine(Root, "index");

    public string UnitDirectory(WorkUnit unit) => Path.Combine(Root, "store", unit.Stage.ToLowerInvariant(), unit.Key);

    public ArtifactCheck Verify(WorkUnit unit) => _verified.GetOrAdd(unit.Key, _ => VerifyOnDisk(unit));

    ArtifactCheck VerifyOnDisk(WorkUnit unit)
    {
        string dir = UnitDirectory(unit);
        if (!Directory.Exists(dir)) return new ArtifactCheck(ArtifactState.Missing, "artifact missing");
        var manifest = Manifest.TryRead(Path.Combine(dir, Manifest.FileName));
        if (manifest is null || manifest.Key != unit.Key)
            return new ArtifactCheck(ArtifactState.Corrupt, "artifact corrupt: manifest missing or unreadable");
        foreach (var file in manifest.Files)
        {
            string path = Path.Combine(dir, file.Name);
            if (!File.Exists(path)) return new ArtifactCheck(ArtifactState.Corrupt, $"artifact corrupt: {file.Name} missing");
            if (new FileInfo(path).Length != file.Bytes)
                return new ArtifactCheck(ArtifactState.Corrupt, $"artifact corrupt: {file.Name} has the wrong size");
            if (HashFile(path) != file.Sha256)
                return new ArtifactCheck(ArtifactState.Corrupt, $"artifact corrupt: {file.Name} hash mismatch");
        }
        return ArtifactCheck.Ok;
    }

    public string NewTempDirectory(WorkUnit unit)
    {
        string dir = Path.Combine(TempRoot, $"{unit.ShortKey}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Hashes the temp folder's files, writes the manifest last and moves the folder into place.</summary>
    public Manifest Commit(WorkUnit unit, string tempDirectory, double seconds, IReadOnlyDictionary<string, double> measurements)
    {
        var files = Directory.GetFiles(tempDirectory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(tempDirectory, p).Replace('\\', '/'))
            .Where(name => name != Manifest.FileName)
            .OrderBy(name => name, StringComparer.Ordinal)
            .Select(name => new ManifestFile(name, new FileInfo(Path.Combine(tempDirectory, name)).Length, HashFile(Path.Combine(tempDirectory, name))))
            .ToList();
        var manifest = new Manifest(unit.Id, unit.Stage, unit.Key, unit.CodeVersion, unit.Settings,
            unit.Parameters, unit.Inputs.ToDictionary(i => i.Id, i => i.Key), files,
            DateTimeOffset.UtcNow, Math.Round(seconds, 4), measurements, RunEnvironment.Describe());
        WriteFileDurably(Path.Combine(tempDirectory, Manifest.FileName), manifest.ToJson());

        string final = UnitDirectory(unit);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (Directory.Exists(final)) DeleteDirectory(final);
        Directory.Move(tempDirectory, final);
        _verified[unit.Key] = ArtifactCheck.Ok;
        WriteIndex(unit);
        return manifest;
    }

    public void Discard(string tempDirectory)
    {
        if (Directory.Exists(tempDirectory)) DeleteDirectory(tempDirectory);
    }

    public UnitIndexEntry? ReadIndex(string unitId)
    {
        string path = IndexPath(unitId);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<UnitIndexEntry>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    void WriteIndex(WorkUnit unit)
    {
        Directory.CreateDirectory(IndexRoot);
        var entry = new UnitIndexEntry(unit.Key, unit.CodeVersion, unit.Settings, unit.Parameters.ToDictionary(),
            unit.Inputs.ToDictionary(i => i.Id, i => i.Key));
        string path = IndexPath(unit.Id);
        string temp = path + $".{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(entry));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Removes temp folders left by processes that are no longer running (e.g. killed runs).</summary>
    public int CleanAbandonedTemp()
    {
        if (!Directory.Exists(TempRoot)) return 0;
        int removed = 0;
        foreach (var dir in Directory.GetDirectories(TempRoot))
        {
            // Folder names are <key>-<pid>-<guid>: keep those of this process and of other live runs.
            var parts = Path.GetFileName(dir).Split('-');
            bool live = parts.Length >= 3 && int.TryParse(parts[1], out int pid) && (pid == Environment.ProcessId || IsRunning(pid));
            if (live) continue;
            DeleteDirectory(dir);
            removed++;
        }
        return removed;
    }

    string IndexPath(string unitId) => Path.Combine(IndexRoot, unitId.Replace('/', '~') + ".json");

    static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static void WriteFileDurably(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
        stream.Flush(flushToDisk: true);
    }

    static void DeleteDirectory(string dir)
    {
        // Rename first so a half-deleted folder is never mistaken for an artifact.
        string doomed = dir + ".deleting-" + Guid.NewGuid().ToString("N");
        Directory.Move(dir, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
