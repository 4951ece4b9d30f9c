using Agop.Build.Config;
using Agop.Pipeline.Config;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Config;

public class ConfigValidationTests
{
    static ConfigException Fails(string yaml, params string[] sets) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(ExperimentSchema.Create(Agop.Science.Attribution.Catalog.MethodCatalog.Default), "configs/x.yaml", yaml, sets));

    [Fact]
    public void Unknown_key_names_file_line_key_and_a_suggestion()
    {
        var e = Fails("train:\n  epochs: 3\n  epoch: 4\n");
        Assert.Equal("configs/x.yaml", e.File);
        Assert.Equal(3, e.Line);
        Assert.Equal("train.epoch", e.Key);
        Assert.Contains("unknown key", e.Message);
        Assert.Contains("did you mean 'train.epochs'", e.Message);
        Assert.StartsWith("configs/x.yaml:3: key 'train.epoch'", e.Message);
    }

    [Theory]
    [InlineData("train:\n  epochs: ten\n", 2, "train.epochs", "expected an integer, got 'ten'")]
    [InlineData("train:\n  lr: fast\n", 2, "train.lr", "expected a number")]
    [InlineData("seeds: 3\n", 1, "seeds", "expected a list of integers")]
    [InlineData("seeds: [1, x]\n", 1, "seeds", "expected an integer, got 'x'")]
    [InlineData("methods:\n  enabled: [agop_ixg, gradcam]\n", 2, "methods.enabled", "'gradcam' is not one of")]
    [InlineData("train: 5\n", 1, "train", "is a section")]
    public void Wrong_types_are_errors_with_line_and_key(string yaml, int line, string key, string problem)
    {
        var e = Fails(yaml);
        Assert.Equal(line, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Message);
    }

    [Theory]
    [InlineData("train:\n  epochs: 0\n", "train.epochs", "below the minimum 1")]
    [InlineData("agop:\n  tau: 1.5\n", "agop.tau", "above the maximum 1")]
    [InlineData("synthetic:\n  test_fraction: 0.9\n", "synthetic.test_fraction", "above the maximum 0.5")]
    [InlineData("seeds: [1, 1]\n", "seeds", "duplicate")]
    [InlineData("seeds: []\n", "seeds", "at least 1")]
    public void Out_of_range_values_are_errors(string yaml, string key, string problem)
    {
        var e = Fails(yaml);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Broken_yaml_reports_its_line()
    {
        var e = Fails("train:\n  epochs: 3\n   lr: [1,\n");
        Assert.True(e.Line >= 2);
        Assert.Contains("not valid YAML", e.Message);
    }

    [Fact]
    public void Set_overrides_are_validated_like_the_file()
    {
        Assert.Contains("unknown key", Fails("", "train.epoks=3").Message);
        Assert.Contains("expected an integer", Fails("", "train.epochs=two").Message);
        Assert.Contains("expected key=value", Fails("", "train.epochs").Message);
        var config = ConfigLoader.Parse(ExperimentSchema.Create(Agop.Science.Attribution.Catalog.MethodCatalog.Default), "x.yaml", "train:\n  epochs: 3\n", ["train.epochs=7", "seeds=[5, 6]"]);
        Assert.Equal(7, config.Int("train.epochs"));
        Assert.Equal([5L, 6L], config.Ints("seeds"));
        Assert.Equal("--set train.epochs=7", config["train.epochs"].Source);
        Assert.Equal("default", config["train.lr"].Source);
    }

    [Fact]
    public void The_host_stops_before_any_work_and_exits_non_zero()
    {
        using var tiny = new TinyExperiment("train:\n  epochs: -1\n");
        var result = tiny.Run();
        Assert.Equal(2, result.Exit);
        Assert.Contains("tiny.yaml:2: key 'train.epochs'", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts));
    }

    [Fact]
    public void Cross_key_checks_name_the_offending_key()
    {
        using var tiny = new TinyExperiment("synthetic:\n  features: 4\n  informative: 6\n");
        var result = tiny.Run("--dry-run");
        Assert.Equal(2, result.Exit);
        Assert.Contains("tiny.yaml:3: key 'synthetic.informative': must not exceed synthetic.features", result.Errors);
    }

    [Fact]
    public void Shipped_configs_are_valid()
    {
        var root = RepoRoot.Find();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "configs"), "*.yaml"))
        {
            var config = ConfigLoader.Load(ExperimentSchema.Create(Agop.Science.Attribution.Catalog.MethodCatalog.Default), file);
            ExperimentSchema.CheckConsistency(config);
        }
        Assert.Equal(200, ConfigLoader.Load(ExperimentSchema.Create(Agop.Science.Attribution.Catalog.MethodCatalog.Default), Path.Combine(root, "configs", "default.yaml")).Int("train.epochs"));
    }
}
