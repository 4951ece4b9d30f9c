using Agop.Pipeline.Engine;

namespace Agop.Build.Cli;

/// <summary>
/// <c>--explain-code &lt;file&gt;</c>: which planned units' code keys cover a source file, so which units an edit to it
/// makes stale (their dependents follow through their inputs). One Markdown table row per file; docs/reuse.md's "which edits
/// invalidate what" table is this command's output.
/// </summary>
static class CodeExplanation
{
    public static void Write(IReadOnlyList<string> files, IReadOnlyList<WorkUnit> units, CodeHashes code, TextWriter output)
    {
        var relatives = files.Select(file => Relative(file, code.RepoRoot)).ToList();
        foreach (var (file, relative) in files.Zip(relatives))
            if (!code.Files.ContainsKey(relative))
                throw new ArgumentException($"--explain-code: '{file}' is not a source file of this build (repository-relative, e.g. src/Science/Roar/FeatureRemoval.cs)");
        var reach = units.Where(u => u.Body is not null)
            .ToDictionary(u => u, u => code.Reach.Files(u.Body!, u.SettingsValue));
        output.WriteLine("| you edit | units whose code reaches it (their dependents go stale through their inputs) |");
        output.WriteLine("|---|---|");
        foreach (var relative in relatives)
        {
            var stages = units.Where(u => reach.TryGetValue(u, out var files) && files.Contains(relative))
                .GroupBy(u => u.Stage)
                .Select(g => $"{g.Key}: {Describe(g.ToList(), units.Where(u => u.Stage == g.Key).ToList())}")
                .ToList();
            output.WriteLine($"| `{relative}` | {(stages.Count == 0 ? "none" : string.Join("; ", stages))} |");
        }
    }

    /// <summary>"all 60", or the reaching units' ids as patterns ("attribute/*/*/ig", 12 of 60).</summary>
    static string Describe(IReadOnlyList<WorkUnit> reaching, IReadOnlyList<WorkUnit> stage)
    {
        if (reaching.Count == stage.Count) return $"all {stage.Count}";
        var patterns = reaching.GroupBy(u => u.Id.Split('/').Length).Select(g => Pattern(g.Select(u => u.Id.Split('/')).ToList()));
        return $"{string.Join(", ", patterns)} ({reaching.Count} of {stage.Count})";
    }

    static string Pattern(IReadOnlyList<string[]> ids) =>
        string.Join('/', Enumerable.Range(0, ids[0].Length).Select(i => ids.All(id => id[i] == ids[0][i]) ? ids[0][i] : "*"));

    static string Relative(string file, string repoRoot)
    {
        string full = Path.GetFullPath(file);
        string root = Path.GetFullPath(repoRoot).TrimEnd('/') + "/";
        return (full.StartsWith(root, StringComparison.Ordinal) ? full[root.Length..] : file).Replace('\\', '/');
    }
}
