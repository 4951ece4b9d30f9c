using System.Collections.Concurrent;
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
/// into place, so a killed process never leaves a folder that verifies. A committed folder is
/// immutable: many processes may share one store, and a folder one of them is reading never changes.
/// </summary>
public sealed class ArtifactStore
{
    static readonly JsonSerializerOptions IndexOptions = new() { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    readonly ConcurrentDictionary<string, ArtifactCheck> _verified = new(StringComparer.Ordinal);

    /// <summary>Nothing is created on disk until <see cref="EnsureCreated"/>: planning and dry runs only read.</summary>
    public ArtifactStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    string TempRoot => Path.Combine(Root, "tmp");
    string IndexRoot => Path.Combine(Root, "index");
    string LockRoot => Path.Combine(Root, "locks");

    /// <summary>Creates the store's folders; throws IOException or UnauthorizedAccessException where that is not possible.</summary>
    public void EnsureCreated()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(TempRoot);
        Directory.CreateDirectory(LockRoot);
    }

    public string UnitDirectory(WorkUnit unit) => Path.Combine(Root, "store", unit.Stage.ToLowerInvariant(), unit.Key);

    public ArtifactCheck Verify(WorkUnit unit) => _verified.GetOrAdd(unit.Key, _ => VerifyOnDisk(unit));

    /// <summary>Checks the disk again (another process may have committed the unit since it was planned).</summary>
    public ArtifactCheck Recheck(WorkUnit unit) => _verified[unit.Key] = VerifyOnDisk(unit);

    /// <summary>Drops what this process remembers about a unit, so the next <see cref="Verify"/> reads the disk.</summary>
    public void Forget(WorkUnit unit) => _verified.TryRemove(unit.Key, out _);

    ArtifactCheck VerifyOnDisk(WorkUnit unit)
    {
        string dir = UnitDirectory(unit);
        if (!Directory.Exists(dir)) return new ArtifactCheck(ArtifactState.Missing, "artifact missing");
        var manifest = Manifest.TryRead(Path.Combine(dir, Manifest.FileName), out var problem);
        if (manifest is null) return Corrupt(problem);
        if (manifest.Key != unit.Key) return Corrupt("manifest is for another key");
        foreach (var file in manifest.Files)
        {
            string path = Path.Combine(dir, file.Name);
            try
            {
                if (!File.Exists(path)) return Corrupt($"{file.Name} missing");
                if (new FileInfo(path).Length != file.Bytes) return Corrupt($"{file.Name} has the wrong size");
                if (HashFile(path) != file.Sha256) return Corrupt($"{file.Name} hash mismatch");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Corrupt($"{file.Name} unreadable: {e.Message}");
            }
        }
        return ArtifactCheck.Ok;
    }

    static ArtifactCheck Corrupt(string problem) => new(ArtifactState.Corrupt, "artifact corrupt: " + problem);

    /// <summary>
    /// Waits for, then holds, the unit's lock (<c>locks/&lt;stage&gt;/&lt;key&gt;.lock</c>), so that two runs on
    /// this store never build the same unit at the same time.
    /// </summary>
    public StoreLock LockUnit(WorkUnit unit, CancellationToken cancellation, Action? onWait = null) =>
        StoreLock.Acquire(Path.Combine(LockRoot, unit.Stage.ToLowerInvariant(), unit.Key + ".lock"), cancellation, onWait);

    /// <summary>A store-wide named lock (e.g. around publishing the report).</summary>
    public StoreLock Lock(string name, CancellationToken cancellation = default) =>
        StoreLock.Acquire(Path.Combine(LockRoot, name + ".lock"), cancellation);

    public string NewTempDirectory(WorkUnit unit)
    {
        string dir = Path.Combine(TempRoot, TempFolderName.New(unit.ShortKey));
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
        Discard(UnitContext.InputViewsOf(tempDirectory));
        if (files.Count == 0) throw new InvalidDataException($"{unit.Id} wrote no files");
        var manifest = new Manifest(unit.Id, unit.Stage, unit.Key, unit.CodeVersion, unit.Settings,
            unit.Parameters, unit.Inputs.ToDictionary(i => i.Id, i => i.Key), files,
            DateTimeOffset.UtcNow, Math.Round(seconds, 4), measurements, RunEnvironment.Describe());
        WriteFileDurably(Path.Combine(tempDirectory, Manifest.FileName), manifest.ToJson());

        string final = UnitDirectory(unit);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        // Same key, same content: a valid folder stays (another run may be reading it) and this copy goes.
        if (Directory.Exists(final) && VerifyOnDisk(unit).State == ArtifactState.Valid)
            Discard(tempDirectory);
        else
        {
            if (Directory.Exists(final)) DeleteDirectory(final); // corrupt: renamed away, then removed
            try
            {
                Directory.Move(tempDirectory, final);
            }
            catch (IOException) when (Directory.Exists(final) && VerifyOnDisk(unit).State == ArtifactState.Valid)
            {
                Discard(tempDirectory); // a writer that does not take the unit lock committed first
            }
        }
        _verified[unit.Key] = ArtifactCheck.Ok;
        WriteIndex(unit);
        return manifest;
    }

    /// <summary>Best effort: a temp folder that cannot be removed now is removed by a later run's clean-up.</summary>
    /// <summary>Removes a unit's temp folder and the views of its inputs beside it.</summary>
    public void Discard(string tempDirectory)
    {
        foreach (var folder in new[] { tempDirectory, UnitContext.InputViewsOf(tempDirectory) })
            try
            {
                if (Directory.Exists(folder)) DeleteDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    public UnitIndexEntry? ReadIndex(string unitId)
    {
        string path = IndexPath(unitId);
        try
        {
            var entry = File.Exists(path) ? JsonSerializer.Deserialize<UnitIndexEntry>(File.ReadAllText(path), IndexOptions) : null;
            return entry is null || entry.Parameters.Values.Any(v => v is null) || entry.Inputs.Values.Any(v => v is null) ? null : entry;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or IOException or UnauthorizedAccessException)
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
        // A private temp name and an atomic rename: concurrent writers each replace the whole entry.
        string temp = $"{path}.{TempFolderName.New("index")}.tmp";
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(entry));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Removes temp folders left by processes of this host that are no longer running (e.g. killed runs);
    /// folders of live processes and of other hosts sharing the store are kept.
    /// </summary>
    public int CleanAbandonedTemp()
    {
        if (!Directory.Exists(TempRoot)) return 0;
        int removed = 0;
        foreach (var dir in Directory.GetDirectories(TempRoot))
        {
            // A folder renamed for deletion (DeleteDirectory) whose removal failed is nobody's work any more.
            bool halfDeleted = Path.GetFileName(dir).Contains(".deleting-", StringComparison.Ordinal);
            if (!halfDeleted && !TempFolderName.IsAbandoned(Path.GetFileName(dir))) continue;
            if (halfDeleted)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // still being removed by its owner
                continue;
            }
            try
            {
                DeleteDirectory(dir);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another run removed it first
        }
        return removed;
    }

    string IndexPath(string unitId) => Path.Combine(IndexRoot, unitId.Replace('/', '~') + ".json");

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
        try
        {
            Directory.Delete(doomed, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // renamed away: never trusted again
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
