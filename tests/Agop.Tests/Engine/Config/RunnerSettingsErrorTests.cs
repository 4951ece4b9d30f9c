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
    public void A_slurm_training_stage_that_is_not_a_stage_is_an_error_naming_its_line_and_the_stages()
    {
        string path = Path.Combine(Path.GetTempPath(), $"cake-{Guid.NewGuid():N}.config");
        File.WriteAllText(path, "[Slurm]\nTrainingStages = Train, Bogus\n");
        try
        {
            var stages = Agop.Build.Cli.Host.CreateGraph(Agop.Science.Attribution.Catalog.MethodCatalog.Default).Targets.Select(t => t.Name).ToList();
            var e = Assert.Throws<FormatException>(() => RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment, stages));
            Assert.Equal($"Slurm TrainingStages names no stage 'Bogus' (from {path}:2 [Slurm] TrainingStages); the stages are {string.Join(", ", stages)}", e.Message);
            File.WriteAllText(path, "[Slurm]\nTrainingStages = Train, trainimage\n");
            Assert.Equal(["Train", "trainimage"], RunnerSettings.Resolve(path, new Dictionary<string, string>(), NoEnvironment, stages).SlurmJobs.TrainingStages);
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
