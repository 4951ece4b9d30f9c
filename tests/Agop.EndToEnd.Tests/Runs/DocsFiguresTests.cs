using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Figures in the docs come from a run's output: these are checked against the command that prints them.</summary>
[Trait("Category", "Slow")]
public class DocsFiguresTests
{
    [Fact]
    public void The_reuse_pages_explain_code_table_is_what_the_command_prints_for_the_default_config()
    {
        string root = RepoRoot.Find();
        var lines = File.ReadAllLines(Path.Combine(root, "docs", "reuse.md"));
        int start = Array.FindIndex(lines, l => l.StartsWith("| you edit |", StringComparison.Ordinal));
        var table = lines.Skip(start).TakeWhile(l => l.StartsWith('|')).ToList();
        var files = table.Skip(2).Select(l => l.Split('`')[1]).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} rows found in docs/reuse.md");

        string shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        var (exit, output, errors) = TinyExperiment.RunHost(["--config", Path.Combine(root, "configs", "default.yaml"), "--set", $"data.dir={shared}",
            "--artifacts", Path.Combine(Path.GetTempPath(), "agop-explain-never-written"), .. files.SelectMany(f => new[] { "--explain-code", Path.Combine(root, f) })]);

        Assert.True(exit == 0, errors);
        Assert.Equal(table, output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList());
    }
}
