using Agop.Science.Torch;

namespace Agop.Tests.Science;

/// <summary>The allocator tuning that keeps freed tensor memory in the heap (no page faults on every training step).</summary>
public class NativeHeapTests
{
    [Fact]
    public void On_linux_glibc_takes_every_setting()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(NativeHeap.Tune());
        Assert.True(NativeHeap.Tuned);
    }
}
