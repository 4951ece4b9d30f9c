using Agop.Science.Torch;

namespace Agop.Tests.Science;

/// <summary>The allocator tuning that keeps freed tensor memory in the heap (no page faults on every training step).</summary>
public class NativeHeapTests
{
    [Fact]
    public void On_linux_glibc_takes_every_setting_and_the_runtime_facts_say_so()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(NativeHeap.Tune());
        Assert.True(NativeHeap.Tuned);
        Assert.Equal("yes", TorchRuntime.Facts(1, "cpu")["native_heap_tuned"]);
    }
}
