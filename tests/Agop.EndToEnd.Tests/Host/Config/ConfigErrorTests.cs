using Agop.Build.Config;
using Agop.Pipeline.Config;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Config;

/// <summary>Every config the loader cannot use is a ConfigException naming the file (and line), so the host exits 2.</summary>
public class ConfigErrorTests
{
    [Theory]
    [InlineData("seeds: [0\nname: x\n", 1)]
    [InlineData("seeds: [0,\nname: x\n", 1)]
    [InlineData("name: x\nseeds: [0\nrepeat: 1\n", 2)]
    [InlineData("synthetic:\n  datasets: [linear\nname: x\n", 2)]
    [InlineData("train: {epochs: 1\nname: x\n", 1)]
    public void Yaml_that_makes_the_scanner_give_up_is_a_config_error_with_a_line(string yaml, int line)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(ExperimentSchema.Create(Agop.Science.Attribution.Catalog.MethodCatalog.Default), "configs/x.yaml", yaml));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"configs/x.yaml:{line}: not valid YAML", e.Message);
    }

    [Fact]
    public void A_gradcam_layer_the_model_does_not_have_stops_before_any_work()
    {
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml);
        var result = tiny.Run("--set", "image.methods.enabled=[gradcam]", "--set", "image.methods.gradcam.layer=conv9");
        Assert.Equal(2, result.Exit);
        Assert.Contains("image.methods.gradcam.layer", result.Errors);
        Assert.Contains("CNN8by8 has no layer 'conv9'; its layers are conv1, relu1", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing may be written");
        Assert.Equal(0, tiny.Run("--dry-run", "--set", "image.methods.enabled=[gradcam]", "--set", "image.methods.gradcam.layer=relu3").Exit);
    }

    [Fact]
    public void The_host_exits_2_on_an_unclosed_bracket_without_a_stack_trace()
    {
        using var tiny = new TinyExperiment("seeds: [0\nname: x\n");
        var result = tiny.Run("--dry-run");
        Assert.Equal(2, result.Exit);
        Assert.StartsWith($"error: {tiny.ConfigPath}:1: not valid YAML", result.Errors);
        Assert.DoesNotContain("   at ", result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("{}\n")]
    public void An_empty_config_file_is_an_error_not_the_full_default_run(string yaml)
    {
        using var tiny = new TinyExperiment(yaml);
        var result = tiny.Run("--dry-run");
        Assert.Equal(2, result.Exit);
        Assert.StartsWith($"error: {tiny.ConfigPath}: the config file is empty", result.Errors);
    }

    [Fact]
    public void A_directory_given_as_config_says_it_is_a_directory()
    {
        using var tiny = new TinyExperiment();
        var result = tiny.Run("--config", tiny.Root, "--dry-run");
        Assert.Equal(2, result.Exit);
        Assert.StartsWith($"error: {tiny.Root}: is a directory, not a config file", result.Errors);
    }

    [Fact]
    public void An_empty_config_path_says_the_path_is_empty()
    {
        using var tiny = new TinyExperiment();
        var result = tiny.Run("--config", "", "--dry-run");
        Assert.Equal(2, result.Exit);
        Assert.StartsWith("error: --config: the config path is empty", result.Errors);
        Assert.DoesNotContain("error: :", result.Errors);
    }
}
