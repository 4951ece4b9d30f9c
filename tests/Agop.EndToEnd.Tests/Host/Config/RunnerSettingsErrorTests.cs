using Agop.Pipeline.Settings;

namespace Agop.Tests.Engine.Config;

/// <summary>cake.config is validated like the experiment config, and a bad value says where it came from.</summary>
public class RunnerSettingsErrorTests
{
    static readonly Func<string, string?> NoEnvironment = _ => null;

    static string CakeConfig(string text)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cake-{Guid.NewGuid():N}.config");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_unknown_key_names_the_file_line_section_key_and_a_suggestion()
    {
        string path = CakeConfig("[Paths]\nArtifacts = a\n[Runner]\nJbos = 4\n");
        var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment));
        Assert.StartsWith($"{path}:4: unknown key 'Jbos' in section [Runner]", e.Message);
        Assert.Contains("did you mean '[Runner] Jobs'?", e.Message);
        File.Delete(path);
    }

    [Fact]
    public void A_key_in_the_wrong_section_is_unknown_too()
    {
        string path = CakeConfig("[Runner]\nArtifacts = a\n");
        var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment));
        Assert.Contains("did you mean '[Paths] Artifacts'?", e.Message);
        File.Delete(path);
    }

    [Fact]
    public void A_bad_jobs_value_names_where_it_came_from()
    {
        string path = CakeConfig("[Runner]\nJobs = many\n");
        var fromFile = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment));
        Assert.Equal($"jobs must be a positive integer or auto, got 'many' (from {path}:2 [Runner] Jobs)", fromFile.Message);

        var fromEnvironment = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(),
            name => name == "AGOP_RUNNER_JOBS" ? "-1" : null));
        Assert.Equal("jobs must be a positive integer or auto, got '-1' (from environment variable AGOP_RUNNER_JOBS)", fromEnvironment.Message);

        var fromCommandLine = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string> { ["jobs"] = "0" }, NoEnvironment));
        Assert.Equal("jobs must be a positive integer or auto, got '0' (from --jobs)", fromCommandLine.Message);
        File.Delete(path);
    }

    [Fact]
    public void The_long_running_stages_are_the_targets_marked_LongRunning_and_TrainingStages_is_an_error_naming_its_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cake-{Guid.NewGuid():N}.config");
        File.WriteAllText(path, "[Slurm]\nTrainingStages = Train, Roar\n");
        try
        {
            var longRunning = Agop.Build.Cli.Host.CreateGraph(Agop.Science.Attribution.Catalog.MethodCatalog.Default).LongRunningStages();
            Assert.Equal(["Train", "TrainImage", "Roar", "Fei"], longRunning);
            var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment, longRunning: longRunning));
            Assert.Equal($"Slurm TrainingStages is no longer a setting (from {path}:2 [Slurm] TrainingStages): the stages whose units get TrainingTime " +
                         "are the targets marked [LongRunning] (Train, TrainImage, Roar, Fei); remove the line", e.Message);
            File.WriteAllText(path, "[Slurm]\nTrainingTime = 03:00:00\n");
            var slurm = RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment, longRunning: longRunning).SlurmJobs;
            Assert.Equal(TimeSpan.FromHours(3), slurm.TimeFor("TrainImage"));
            Assert.Equal(TimeSpan.FromMinutes(30), slurm.TimeFor("Faithfulness"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_shipped_cake_config_is_valid()
    {
        string path = Path.Combine(Agop.Tests.Support.RepoRoot.Find(), "cake.config");
        var settings = RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment);
        Assert.Equal("artifacts", settings.ArtifactsDirectory);
    }
}
