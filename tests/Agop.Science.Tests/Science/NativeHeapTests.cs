using Agop.Science.Torch;

namespace Agop.Tests.Science;

/// <summary>
/// The allocator tuning that keeps freed tensor memory in the heap (no page faults on every training step), and the release a
/// local worker calls between bundles to give that memory back.
/// </summary>
public class NativeHeapTests
{
    [Fact]
    public void On_linux_glibc_takes_every_setting()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(NativeHeap.Tune());
        Assert.True(NativeHeap.Tuned);
    }

    [Fact]
    public void On_linux_freed_heap_below_a_block_in_use_is_given_back()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 2,000 blocks of 64 KiB, touched, then all freed but the last: it pins the heap's top, so only malloc_trim(0)
        // (which releases pages inside the heap) can give the 128 MB back.
        var blocks = new IntPtr[2000];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = malloc(64 << 10);
            System.Runtime.InteropServices.Marshal.WriteByte(blocks[i], 0, 1);
            System.Runtime.InteropServices.Marshal.WriteByte(blocks[i], (64 << 10) - 1, 1);
        }
        for (int i = 0; i < blocks.Length - 1; i++) free(blocks[i]);
        try { Assert.True(NativeHeap.Release()); }
        finally { free(blocks[^1]); }
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    static extern IntPtr malloc(nuint size);

    [System.Runtime.InteropServices.DllImport("libc")]
    static extern void free(IntPtr block);
}
