using System.Collections.Concurrent;
using System.Text;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine.Code;

namespace Agop.Pipeline.Engine;

/// <summary>
/// SHA-256 of every source file (repository-relative path → hash), taken at build time, and the code version of a unit:
/// the combined hash of the files its compiled code can reach (<see cref="CodeReach"/>), so editing any of them, and only
/// them, makes the unit stale.
/// </summary>
public sealed class CodeHashes(IReadOnlyDictionary<string, string> files, string repoRoot)
{
    static readonly ConcurrentDictionary<string, CodeReach> Reaches = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Files { get; } = files;
    public string RepoRoot { get; } = repoRoot;

    /// <summary>The call-graph walker for this build (one per process and repository: what it learns is cached).</summary>
    public CodeReach Reach => Reaches.GetOrAdd(Path.GetFullPath(RepoRoot), root => new CodeReach(root));

    /// <summary>
    /// The code version of a unit: the files reachable from its body and from what its settings carry. A body that reaches no
    /// source file is an error, not the hash of nothing: every unit runs project code, so an empty reach means the build's
    /// PDBs do not map methods to this tree's files (a PathMap or ContinuousIntegrationBuild build), and the key would not
    /// cover the code.
    /// </summary>
    public string OfUnit(Delegate body, object? settings, string unitId = "") => ReachOfUnit(body, settings, unitId).Version;

    /// <summary>The source files a unit's code reaches and their combined hash (<see cref="OfUnit"/>).</summary>
    public (IReadOnlySet<string> Files, string Version) ReachOfUnit(Delegate body, object? settings, string unitId = "")
    {
        var files = Reach.Files(body, settings);
        if (files.Count == 0)
            throw new InvalidOperationException($"the code of unit '{(unitId.Length > 0 ? unitId : body.Method.Name)}' reaches no source file of this tree, " +
                "so its key cannot cover its code: build without PathMap or ContinuousIntegrationBuild (the PDBs must name this tree's files)");
        return (files, _versions.GetOrAdd(files, OfFiles));
    }

    /// <summary>The version of each reach set <see cref="CodeReach"/> returned (it returns one instance per distinct reach).</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<IReadOnlySet<string>, string> _versions = new(ReferenceEqualityComparer.Instance);

    /// <summary>The combined hash of exactly these files.</summary>
    public string OfFiles(IEnumerable<string> files)
    {
        var text = new StringBuilder();
        foreach (var file in files.Distinct().Order(StringComparer.Ordinal))
        {
            if (!Files.TryGetValue(file, out var hash))
                throw new InvalidOperationException($"the compiled code reaches '{file}', which has no source hash (built from another tree?)");
            text.Append(file).Append('=').Append(hash).Append('\n');
        }
        return ExperimentConfig.Sha256Hex(text.ToString());
    }

    /// <summary>The combined hash of every file equal to or under one of <paramref name="paths"/> ("dir/" for a folder).</summary>
    public string Of(IEnumerable<string> paths)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths.Distinct())
        {
            var matched = Files.Keys.Where(f => Covers(path, f)).ToList();
            if (matched.Count == 0)
                throw new InvalidOperationException($"code dependency '{path}' matches no source file (a typo, or a moved file?)");
            seen.UnionWith(matched);
        }
        return OfFiles(seen);
    }

    public static bool Covers(string path, string file) =>
        path.EndsWith('/') ? file.StartsWith(path, StringComparison.Ordinal) : file == path;

    /// <summary>A copy with one file's hash replaced (tests simulate an edit with it).</summary>
    public CodeHashes WithEdited(string file)
    {
        if (!Files.ContainsKey(file)) throw new ArgumentException($"no source file '{file}'");
        var copy = Files.ToDictionary(StringComparer.Ordinal);
        copy[file] = ExperimentConfig.Sha256Hex("edited:" + Files[file]);
        return new CodeHashes(copy, RepoRoot);
    }
}
