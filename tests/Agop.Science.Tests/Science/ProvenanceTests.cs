using Agop.Science.Torch;
using Agop.Tests.Support;
using TorchSharp;

namespace Agop.Tests.Science;

/// <summary>The provenance states what is known about libtorch, never a version written into the code.</summary>
public class ProvenanceTests
{
    [Fact]
    public void The_libtorch_version_is_what_the_loaded_torchsharp_reports_else_unknown()
    {
        Assert.Equal("unknown", TorchRuntime.LibTorchVersion(() => throw new DllNotFoundException("libtorch")));
        Assert.Equal("unknown", TorchRuntime.LibTorchVersion(() => " "));
        Assert.Equal(torch.__version__, TorchRuntime.LibTorchVersion());

        Assert.Equal(torch.__version__, TorchRuntime.Facts(1, "cpu")["libtorch"]);
        string source = File.ReadAllText(Path.Combine(RepoRoot.Find(), "src", "Science", "Torch", "TorchRuntime.cs"));
        Assert.DoesNotContain("\"2.10.0\"", source);
    }
}
