using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Errors a user can cause end in one line naming the path and exit code 2, never a stack trace.</summary>
[Trait("Category", "Slow")]
public class HostErrorTests
{
    [Theory]
    [InlineData("a regular file")]
    [InlineData("a path under a file")]
    [InlineData("an empty path")]
    [InlineData("a location that cannot be written")]
    public void An_artifacts_path_that_cannot_be_created_is_one_line_and_exit_2(string kind)
    {
        if (kind == "a location that cannot be written" && !OperatingSystem.IsLinux()) return;
        using var tiny = new TinyExperiment();
        string file = Path.Combine(tiny.Root, "plain-file");
        File.WriteAllText(file, "not a folder");
        string artifacts = kind switch
        {
            "a regular file" => file,
            "a path under a file" => Path.Combine(file, "artifacts"),
            "an empty path" => "",
            _ => "/proc/agop-artifacts-" + Guid.NewGuid().ToString("N"), // no one, not even root, may create folders in /proc
        };

        foreach (var dryRun in new[] { false, true })
        {
            var result = tiny.Run(dryRun ? ["--artifacts", artifacts, "--target", "Generate", "--dry-run"] : ["--artifacts", artifacts, "--target", "Generate"]);
            if (dryRun && kind == "a location that cannot be written")
            {
                Assert.Equal(0, result.Exit); // a dry run only reads; nothing to create
                continue;
            }
            Assert.Equal(2, result.Exit);
            var errorLines = result.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("error: ", errorLines[0]);
            Assert.Contains(kind == "an empty path" ? "path is empty (from --artifacts)" : artifacts, errorLines[0]);
            Assert.DoesNotContain("   at ", result.Errors);
            Assert.All(errorLines.Skip(1), line => Assert.StartsWith("Nothing was run", line));
        }
        Assert.True(File.Exists(file));
    }

    [Theory]
    [InlineData("kubernetes", "--executor", "kubernetes")]
    [InlineData("--partition", "--partition", "gpu")] // the default executor, local
    [InlineData("--partition", "--partition", "gpu", "--executor", "local")]
    [InlineData("--partition", "--executor", "inproc", "--partition", "gpu")]
    [InlineData("unknown option '--jobz' (did you mean '--jobs'?)", "--jobz", "2")]
    [InlineData("unknown option '--dryrun' (did you mean '--dry-run'?)", "--dryrun")]
    [InlineData("unknown option '--frobnicate'", "--frobnicate")]
    [InlineData("jobs must be a positive integer or auto, got '0'", "--jobs", "0")]
    [InlineData("threads must be a positive integer or auto, got '-1'", "--threads", "-1")]
    [InlineData("threads must be a positive integer or auto, got 'two'", "--threads", "two")]
    public void An_unknown_option_or_executor_a_bad_count_or_a_slurm_option_with_another_executor_is_one_line_and_exit_2_with_nothing_written(string named, params string[] options)
    {
        using var tiny = new TinyExperiment();
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Agop.Build.Cli.Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, .. options], output, errors);

        Assert.Equal(2, exit);
        var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(named, lines[0]);
        Assert.DoesNotContain("   at ", errors.ToString());
        Assert.All(lines.Skip(1), line => Assert.StartsWith("Nothing was run", line));
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing is written before the options hold");
    }

    [Fact]
    public void A_run_stopped_by_a_data_error_does_not_create_the_artifacts_folder()
    {
        using var tiny = new TinyExperiment();
        string empty = Path.Combine(tiny.Root, "no-data-here");
        Directory.CreateDirectory(empty);
        var result = tiny.Run("--set", "roar.datasets=[adult]", "--set", $"data.dir={empty}", "--set", "data.download=false");
        Assert.Equal(2, result.Exit);
        Assert.Contains(empty, result.Errors);
        Assert.Contains("Nothing was run", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing is created before the plan holds");
    }
}
