using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Part 3 through the real host: it runs, reruns nothing when nothing changed, reruns exactly what an edit stales, and stops on bad input.</summary>
[Trait("Category", "Slow")]
public class ImageTrackTests
{
    [Fact]
    public void A_tiny_image_run_completes_then_a_rerun_reuses_everything_and_a_gradcam_option_reruns_only_gradcam()
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml);
        var first = tiny.Run();
        Assert.True(first.Exit == 0, first.Errors);
        Assert.True(File.Exists(Path.Combine(tiny.Artifacts, "report", "table4.csv")));
        Assert.Equal(9, File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "table4.csv")).Length);

        var second = tiny.Run();
        Assert.Matches(@"^ran 0, reused \d+, failed 0$", TinyExperiment.LastLine(second.Output));

        var dry = tiny.Run("--set", "image.methods.gradcam.upsample=bilinear", "--dry-run", "--verbosity", "quiet");
        var toRun = dry.Output.Split('\n').Where(l => l.StartsWith("run ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Order().ToList();
        Assert.Equal(["image/attribute/linear/white/seed0/gradcam", "image/evaluate/linear/white/seed0/gradcam", "report"], toRun);
    }

    [Theory]
    [InlineData("image.scenarios=[linear,spiral]", "image.scenarios")]
    [InlineData("image.backgrounds=[pink]", "image.backgrounds")]
    [InlineData("image.methods.enabled=[agop_weighted,shap]", "image.methods.enabled")]
    [InlineData("image.alpha.linear.white=0", "image.alpha.linear.white")]
    [InlineData("image.alpha.xor.correlated=1.5", "image.alpha.xor.correlated")]
    [InlineData("image.size=16", "image.size")]
    [InlineData("image.miou.binarise=top5", "image.miou.binarise")]
    public void Bad_image_settings_stop_before_any_work_naming_the_key(string set, string key)
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml);
        var result = tiny.Run("--set", set);
        Assert.Equal(2, result.Exit);
        Assert.Contains(key, result.Errors);
        Assert.DoesNotContain("   at ", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing is written");
    }

    [Fact]
    public void A_bad_image_key_in_the_file_names_the_file_and_line()
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml.Replace("backgrounds: [white]", "backgrounds: [white, noisy]"));
        var result = tiny.Run();
        Assert.Equal(2, result.Exit);
        Assert.Contains("tiny.yaml:", result.Errors);
        Assert.Contains("image.backgrounds", result.Errors);
        Assert.Contains("noisy", result.Errors);
    }

    [Fact]
    public void A_missing_clevr_xai_folder_stops_before_any_work_naming_the_path()
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml);
        string missing = Path.Combine(tiny.Root, "no-clevr-here");
        var result = tiny.Run("--set", $"image.clevr_xai.path={missing}");
        Assert.Equal(2, result.Exit);
        Assert.Contains(missing, result.Errors);
        Assert.Contains("Nothing was run", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing is written");
    }
}
