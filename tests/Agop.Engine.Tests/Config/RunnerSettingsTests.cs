using Agop.Pipeline.Settings;

namespace Agop.Tests.Engine.Config;

public class RunnerSettingsTests
{
    [Fact]
    public void Command_line_beats_environment_beats_cake_config_beats_default()
    {
        string ini = Path.GetTempFileName();
        File.WriteAllText(ini, "[Runner]\nJobs = 3\nThreads = 4\n; comment\n[Paths]\nArtifacts = from-file\n");
        var env = new Dictionary<string, string> { ["AGOP_RUNNER_THREADS"] = "5" };
        var settings = RunnerSettings.Resolve(ini, new Dictionary<string, string> { ["artifacts"] = "from-cli" }, k => env.GetValueOrDefault(k));
        Assert.Equal(3, settings.Jobs);          // cake.config
        Assert.Equal(5, settings.Threads);       // environment over cake.config
        Assert.Equal("from-cli", settings.ArtifactsDirectory);
        Assert.Equal("cpu", settings.Device);    // built-in default
        File.Delete(ini);
    }

    [Fact]
    public void Bad_values_are_rejected()
    {
        Assert.Throws<FormatException>(() => RunnerSettings.Resolve(null, new Dictionary<string, string> { ["jobs"] = "0" }, _ => null));
        Assert.Throws<FormatException>(() => RunnerSettings.Resolve(null, new Dictionary<string, string> { ["device"] = "tpu" }, _ => null));
        Assert.Throws<FormatException>(() => IniFile.Parse("c", "[Runner\nJobs=1"));
    }
}
