using Agop.Science.Torch;

namespace Agop.Tests.Science;

/// <summary>Provenance's GPU facts, parsed from fixture text (no GPU and no nvidia-smi needed).</summary>
public class GpuFactsTests
{
    const string VersionPy = """
        from typing import Optional

        __all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip', 'xpu']
        __version__ = '2.11.0+cu130'
        debug = False
        cuda: Optional[str] = '13.0'
        git_version = '0123456789abcdef0123456789abcdef01234567'
        hip: Optional[str] = None
        xpu: Optional[str] = None
        """;

    [Fact]
    public void Nvidia_smi_rows_give_name_and_driver_and_anything_else_gives_none()
    {
        Assert.Equal([new GpuInfo("NVIDIA H200", "570.124.06")], GpuFacts.ParseNvidiaSmi("NVIDIA H200, 570.124.06\n"));
        Assert.Equal(2, GpuFacts.ParseNvidiaSmi("NVIDIA A100-SXM4-80GB, 535.54.03\r\nNVIDIA A100-SXM4-80GB, 535.54.03\r\n").Count);
        Assert.Empty(GpuFacts.ParseNvidiaSmi("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."));
        Assert.Empty(GpuFacts.ParseNvidiaSmi(""));
        Assert.Empty(GpuFacts.ParseNvidiaSmi(null));
        Assert.Equal("2 × NVIDIA A100-SXM4-80GB + NVIDIA H200", GpuFacts.Summary(["NVIDIA A100-SXM4-80GB", "NVIDIA A100-SXM4-80GB", "NVIDIA H200"]));
    }

    [Fact]
    public void The_cuda_version_comes_from_version_py_build_version_or_the_cuda_runtimes_file_name()
    {
        Assert.Equal("13.0", GpuFacts.CudaFromVersionPy(VersionPy));
        Assert.Null(GpuFacts.CudaFromVersionPy(VersionPy.Replace("cuda: Optional[str] = '13.0'", "cuda: Optional[str] = None")));
        Assert.Equal("12.1", GpuFacts.CudaFromVersionPy("__version__ = '2.2.0+cu121'\ncuda = '12.1'\n"));
        Assert.Equal("12.4", GpuFacts.CudaFromBuildVersion("2.5.1+cu124\n"));
        Assert.Equal("11.8", GpuFacts.CudaFromBuildVersion("2.3.0+cu118"));
        Assert.Null(GpuFacts.CudaFromBuildVersion("2.5.1+cpu"));
        Assert.Equal("12", GpuFacts.CudaFromLibraryNames(["libtorch.so", "libcudart.so.12", "libc10.so"]));
        Assert.Equal("11.0", GpuFacts.CudaFromLibraryNames(["libcudart-d0da41ae.so.11.0"]));
        Assert.Null(GpuFacts.CudaFromLibraryNames(["libtorch_cpu.so", "libcudnn.so.9"]));
    }

    [Fact]
    public void A_libtorch_folder_is_read_in_that_order()
    {
        string root = Path.Combine(Path.GetTempPath(), "agop-gpufacts-" + Guid.NewGuid().ToString("N"));
        string lib = Path.Combine(root, "torch", "lib");
        Directory.CreateDirectory(lib);
        try
        {
            Assert.Equal("unknown", GpuFacts.CudaVersion([lib, Path.Combine(root, "missing")]));
            File.WriteAllText(Path.Combine(lib, "libcudart.so.12"), "");
            Assert.Equal("12", GpuFacts.CudaVersion([lib]));
            File.WriteAllText(Path.Combine(root, "torch", "build-version"), "2.5.1+cu124");
            Assert.Equal("12.4", GpuFacts.CudaVersion([lib]));
            File.WriteAllText(Path.Combine(root, "torch", "version.py"), VersionPy);
            Assert.Equal("13.0", GpuFacts.CudaVersion([lib]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void On_the_cpu_provenance_says_there_is_no_gpu()
    {
        var facts = TorchRuntime.Facts(1, "cpu");
        Assert.Equal("none", facts["gpu"]);
        Assert.False(facts.ContainsKey("cuda"));
    }
}
