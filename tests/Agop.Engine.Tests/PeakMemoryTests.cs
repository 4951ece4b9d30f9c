using System.Runtime.InteropServices;
using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine;

/// <summary>Each unit's peak resident memory: its own where the high-water mark was reset for it alone, else the process's.</summary>
[Collection(ProcessPeakMemory.Name)]
public sealed class PeakMemoryTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("agop-peak-").FullName;
    string Status => Path.Combine(_folder, "status");
    string ClearRefs => Path.Combine(_folder, "clear_refs");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    void HighWaterMark(long kb) => File.WriteAllText(Status, $"Name:\tdotnet\nVmPeak:\t 9999999 kB\nVmHWM:\t {kb} kB\nVmRSS:\t 1000 kB\n");

    [Fact]
    public void A_unit_alone_resets_the_mark_and_records_its_own_peak()
    {
        File.WriteAllText(ClearRefs, "");
        HighWaterMark(2048);
        var memory = new PeakMemory(Status, ClearRefs);
        using var scope = memory.Begin();
        Assert.Equal("5", File.ReadAllText(ClearRefs));
        Assert.Equal(new PeakMemory.Peak(PeakMemory.UnitPeak, 2.0), scope.End());
    }

    [Fact]
    public void Units_that_overlap_record_the_process_peak()
    {
        File.WriteAllText(ClearRefs, "");
        HighWaterMark(3072);
        var memory = new PeakMemory(Status, ClearRefs);
        var first = memory.Begin();
        File.WriteAllText(ClearRefs, "");
        var second = memory.Begin();
        Assert.Equal("", File.ReadAllText(ClearRefs)); // not reset under a running unit
        Assert.Equal(PeakMemory.ProcessPeak, second.End()?.Name);
        Assert.Equal(PeakMemory.ProcessPeak, first.End()?.Name);
        // Once they are done, the next unit alone is measured on its own again.
        using var third = memory.Begin();
        Assert.Equal(PeakMemory.UnitPeak, third.End()?.Name);
    }

    [Fact]
    public void Without_a_way_to_reset_the_mark_the_process_peak_is_recorded_and_without_a_status_file_nothing()
    {
        HighWaterMark(1024);
        using (var scope = new PeakMemory(Status, Path.Combine(_folder, "missing")).Begin())
            Assert.Equal(new PeakMemory.Peak(PeakMemory.ProcessPeak, 1.0), scope.End());
        using (var scope = new PeakMemory(Path.Combine(_folder, "missing"), ClearRefs).Begin())
            Assert.Null(scope.End());
    }

    [Fact]
    public void A_disposed_scope_that_was_not_ended_no_longer_counts_as_running()
    {
        File.WriteAllText(ClearRefs, "");
        HighWaterMark(1024);
        var memory = new PeakMemory(Status, ClearRefs);
        memory.Begin().Dispose(); // a unit that threw
        using var next = memory.Begin();
        Assert.Equal(PeakMemory.UnitPeak, next.End()?.Name);
    }

    [Fact]
    public void On_linux_the_peak_covers_memory_the_unit_touched()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var scope = new PeakMemory().Begin();
        const int bytes = 256 << 20;
        nint block = Marshal.AllocHGlobal(bytes);
        for (int i = 0; i < bytes; i += 4096) Marshal.WriteByte(block, i, 1);
        Marshal.FreeHGlobal(block);
        var peak = scope.End();
        Assert.NotNull(peak);
        Assert.True(peak.Value.Megabytes >= 256, $"peak {peak.Value.Megabytes} MiB");
    }
}

/// <summary>
/// The kernel keeps one peak-RSS mark per process, and every unit the runner measures resets it (/proc/self/clear_refs):
/// a runner test beside the test that reads the real mark would reset it under it, so these tests run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessPeakMemory
{
    public const string Name = "process-peak-memory";
}
