using Agop.Build.Cli;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

[Trait("Category", "Slow")]
public class CommandLineTests
{
    [Fact]
    public void Help_and_tree_describe_the_targets()
    {
        using var tiny = new TinyExperiment();
        var help = tiny.Run("--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("--dry-run", help.Output);
        var tree = tiny.Run("--tree");
        Assert.Equal(0, tree.Exit);
        var lines = tree.Output.Split('\n');
        Assert.StartsWith("Report", lines[0]);
        foreach (var target in new[] { "Roar", "Evaluate", "Attribute", "FitAgop", "Train", "Generate" })
            Assert.Contains(lines, l => l.Contains(target));
        Assert.False(Directory.Exists(tiny.Artifacts));
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--target", "Nope")]
    [InlineData("--jobs", "0")]
    [InlineData("--force", "Nope")]
    [InlineData("--set")]
    [InlineData("--executor", "nope")]
    public void Bad_options_stop_with_exit_code_2(params string[] args)
    {
        using var tiny = new TinyExperiment();
        var result = tiny.Run(args);
        Assert.Equal(2, result.Exit);
        Assert.StartsWith("error:", result.Errors);
    }

    [Fact]
    public void Force_parses_an_optional_target()
    {
        Assert.True(CommandLine.Parse(["--force"]).ForceAll);
        var one = CommandLine.Parse(["--force", "Train", "--dry-run"]);
        Assert.False(one.ForceAll);
        Assert.Equal(["Train"], one.ForceTargets);
        Assert.True(one.DryRun);
    }
}
