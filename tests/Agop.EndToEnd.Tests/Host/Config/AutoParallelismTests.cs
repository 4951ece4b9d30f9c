using Agop.Pipeline.Settings;

namespace Agop.Tests.Engine.Config;

/// <summary>--jobs and --threads default to auto, derived from the cores (AGOP_CORES overrides the detected count).</summary>
public class AutoParallelismTests
{
    static RunnerSettings Resolve(Dictionary<string, string> commandLine, params (string Name, string Value)[] environment) =>
        RunnerSettings.Resolve(null, commandLine, name => environment.FirstOrDefault(e => e.Name == name).Value);

    [Fact]
    public void Sixteen_cores_give_more_than_two_jobs_without_any_flag()
    {
        var settings = Resolve([], ("AGOP_CORES", "16"));
        Assert.True(settings.Jobs > 2, $"jobs {settings.Jobs}");
        Assert.Equal(16, settings.Jobs * settings.Threads);
        Assert.Equal("jobs 8 × threads 2 (auto: 16 cores from AGOP_CORES)", settings.ParallelismLine);
    }

    [Fact]
    public void Two_cores_keep_two_jobs_of_one_thread()
    {
        var settings = Resolve([], ("AGOP_CORES", "2"));
        Assert.Equal((2, 1), (settings.Jobs, settings.Threads));
    }

    [Theory]
    [InlineData(1, "cpu", 1, 1)]
    [InlineData(2, "cpu", 2, 1)]
    [InlineData(8, "cpu", 8, 1)]
    [InlineData(16, "cpu", 8, 2)]
    [InlineData(2, "cuda", 2, 1)]
    [InlineData(16, "cuda", 4, 4)]
    public void The_rule_fills_the_cores(int cores, string device, int jobs, int threads) =>
        Assert.Equal((jobs, threads), AutoParallelism.Resolve(cores, device, null, null));

    [Fact]
    public void Explicit_numbers_win_and_the_other_fills_the_cores()
    {
        var both = Resolve(new() { ["jobs"] = "3", ["threads"] = "5" }, ("AGOP_CORES", "16"));
        Assert.Equal((3, 5), (both.Jobs, both.Threads));
        Assert.Equal("jobs 3 × threads 5", both.ParallelismLine);

        var jobsOnly = Resolve(new() { ["jobs"] = "4" }, ("AGOP_CORES", "16"));
        Assert.Equal((4, 4), (jobsOnly.Jobs, jobsOnly.Threads));
        Assert.Contains("threads auto: 16 cores", jobsOnly.ParallelismLine);

        var fromEnvironment = Resolve([], ("AGOP_CORES", "16"), ("AGOP_RUNNER_JOBS", "3"), ("AGOP_RUNNER_THREADS", "1"));
        Assert.Equal((3, 1), (fromEnvironment.Jobs, fromEnvironment.Threads));
    }

    [Fact]
    public void Auto_parses_in_any_case_from_the_command_line_the_environment_and_cake_config()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cake-{Guid.NewGuid():N}.config");
        File.WriteAllText(path, "[Runner]\nJobs = 1\nThreads = AUTO\n");
        try
        {
            var cli = Resolve(new() { ["jobs"] = "Auto", ["threads"] = "auto" }, ("AGOP_CORES", "16"));
            Assert.Equal((8, 2), (cli.Jobs, cli.Threads));
            var env = RunnerSettings.Resolve(path, new Dictionary<string, string>(), name => name switch
            {
                "AGOP_RUNNER_JOBS" => "auto", "AGOP_CORES" => "4", _ => null,
            });
            Assert.Equal((4, 1), (env.Jobs, env.Threads));
            var file = RunnerSettings.Resolve(path, new Dictionary<string, string>(), name => name == "AGOP_CORES" ? "4" : null);
            Assert.Equal((1, 4), (file.Jobs, file.Threads));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_values_name_their_source()
    {
        var jobs = Assert.Throws<FormatException>(() => Resolve(new() { ["jobs"] = "lots" }));
        Assert.Equal("jobs must be a positive integer or auto, got 'lots' (from --jobs)", jobs.Message);
        var threads = Assert.Throws<FormatException>(() => Resolve(new() { ["threads"] = "0" }));
        Assert.Equal("threads must be a positive integer or auto, got '0' (from --threads)", threads.Message);
        var cores = Assert.Throws<FormatException>(() => Resolve([], ("AGOP_CORES", "none")));
        Assert.Equal("AGOP_CORES must be a positive integer, got 'none' (from environment variable AGOP_CORES)", cores.Message);
    }

    [Fact]
    public void The_command_line_exits_2_with_the_message_for_a_bad_jobs_value()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        int code = Agop.Build.Cli.Host.Run(["--jobs", "two", "--config", "configs/smoke.yaml"], output, errors);
        Assert.Equal(2, code);
        Assert.Contains("jobs must be a positive integer or auto, got 'two' (from --jobs)", errors.ToString());
    }
}
