using Agop.Pipeline.Settings;
using Agop.Science.Torch;
using Agop.Tests.Support;

namespace Agop.Tests.Science;

/// <summary>Bring-your-own libtorch: where the folder comes from, and every way it can be unusable, stopping before any work.</summary>
public class ExternalLibTorchTests
{
    [Fact]
    public void The_folder_comes_from_the_command_line_else_the_environment_else_cake_config()
    {
        string ini = Path.Combine(Directory.CreateTempSubdirectory("cake").FullName, "cake.config");
        File.WriteAllText(ini, "[Runner]\nLibTorch = /from/ini\n");
        Assert.Equal("/from/ini", RunnerSettings.Resolve(ini, new Dictionary<string, string>(), _ => null).LibTorch);
        Assert.Equal("/from/env", RunnerSettings.Resolve(ini, new Dictionary<string, string>(), k => k == "AGOP_RUNNER_LIBTORCH" ? "/from/env" : null).LibTorch);
        Assert.Equal("/from/cli", RunnerSettings.Resolve(ini, new Dictionary<string, string> { ["libtorch"] = "/from/cli" }, k => k == "AGOP_RUNNER_LIBTORCH" ? "/from/env" : null).LibTorch);
        Assert.Equal("", RunnerSettings.Resolve(null, new Dictionary<string, string>(), _ => null).LibTorch);
    }

    [Fact]
    public void A_missing_folder_or_missing_libraries_are_named_with_the_version_found()
    {
        var missing = Assert.Throws<LibTorchException>(() => ExternalLibTorch.Load("/nonexistent/torch/lib"));
        Assert.Contains("/nonexistent/torch/lib", missing.Message);

        string torch = Directory.CreateTempSubdirectory("torch").FullName;
        string lib = Directory.CreateDirectory(Path.Combine(torch, "lib")).FullName;
        File.WriteAllText(Path.Combine(torch, "version.py"), "__version__ = '2.11.0+cu130'\ngit_version = 'abc'\n");
        File.WriteAllText(Path.Combine(lib, "libc10.so"), "");
        var lacking = Assert.Throws<LibTorchException>(() => ExternalLibTorch.Load(lib));
        Assert.Contains(lib, lacking.Message);
        Assert.Contains("2.11.0+cu130", lacking.Message);
        Assert.Contains("libtorch_cpu.so", lacking.Message);
        Assert.Contains("libtorch.so", lacking.Message);
        Assert.DoesNotContain("libc10.so,", lacking.Message);
        Assert.Null(ExternalLibTorch.LoadedFrom);
    }

    [Fact]
    public void A_build_that_bundles_libtorch_refuses_a_second_copy_and_names_the_build_property()
    {
        string lib = Directory.CreateTempSubdirectory("libtorch").FullName;
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }) File.WriteAllText(Path.Combine(lib, name), "");
        File.WriteAllText(Path.Combine(Directory.GetParent(lib)!.FullName, "build-version"), "2.9.1+cpu\n");
        string app = Directory.CreateTempSubdirectory("app").FullName;
        File.WriteAllText(Path.Combine(app, "libtorch_cpu.so"), "");
        var error = Assert.Throws<LibTorchException>(() => ExternalLibTorch.Load(lib, app));
        Assert.Contains("TorchBackend=external", error.Message);
        Assert.Null(ExternalLibTorch.LoadedFrom);
    }

    [Fact]
    public void Libraries_that_are_not_libraries_fail_at_load_naming_the_folder_and_version()
    {
        string parent = Directory.CreateTempSubdirectory("torch").FullName;
        string lib = Directory.CreateDirectory(Path.Combine(parent, "lib")).FullName;
        File.WriteAllText(Path.Combine(parent, "build-version"), "2.9.1+cpu\n");
        foreach (var name in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" }) File.WriteAllText(Path.Combine(lib, name), "not an ELF file");
        string app = Directory.CreateTempSubdirectory("app").FullName;
        File.WriteAllText(Path.Combine(app, "libLibTorchSharp.so"), "");
        var error = Assert.Throws<LibTorchException>(() => ExternalLibTorch.Load(lib, app));
        Assert.Contains(lib, error.Message);
        Assert.Contains("2.9.1+cpu", error.Message);
        Assert.Contains("libc10.so cannot be loaded", error.Message);
        Assert.Null(ExternalLibTorch.LoadedFrom);
    }

    [Fact]
    public void The_host_stops_before_any_work_on_an_unusable_libtorch_folder()
    {
        using var tiny = new TinyExperiment();
        var result = tiny.Run("--libtorch", "/nonexistent/torch/lib");
        Assert.Equal(2, result.Exit);
        Assert.Contains("/nonexistent/torch/lib", result.Errors);
        Assert.Contains("Nothing was run", result.Errors);
        Assert.False(Directory.Exists(tiny.Artifacts), "nothing is written");
    }
}
