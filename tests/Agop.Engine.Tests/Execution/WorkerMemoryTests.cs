using Agop.Pipeline.Execution.Local;
using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine.Execution;

/// <summary>A local worker between bundles: give back what it no longer uses, retire when it still holds too much.</summary>
public class WorkerMemoryTests
{
    [Fact]
    public void A_small_worker_goes_on_without_releasing_anything()
    {
        int releases = 0;
        Assert.Null(WorkerMemory.AfterBundle(false, () => 400, () => releases++, 1024));
        Assert.Equal(0, releases);
    }

    [Fact]
    public void A_large_worker_releases_and_goes_on_when_what_remains_is_under_the_limit()
    {
        double resident = 1900;
        int releases = 0;
        Assert.Null(WorkerMemory.AfterBundle(false, () => resident, () => { releases++; resident = 600; }, 1024));
        Assert.Equal(1, releases);
    }

    [Fact]
    public void A_worker_still_over_the_limit_after_releasing_retires_and_says_how_much_it_holds()
    {
        string? reason = WorkerMemory.AfterBundle(false, () => 1500, () => { }, 1024);
        Assert.NotNull(reason);
        Assert.Contains("1500 MiB", reason);
        Assert.Contains(WorkerMemory.LimitVariable, reason);
    }

    [Fact]
    public void A_tuned_heap_always_retires_and_an_unknown_size_never_does()
    {
        Assert.Equal("its native heap was tuned for training", WorkerMemory.AfterBundle(true, () => 100, () => { }, 1024));
        Assert.Null(WorkerMemory.AfterBundle(false, () => null, () => throw new InvalidOperationException("nothing to release"), 1024));
    }

    [Theory]
    [InlineData(null, 1024)]
    [InlineData("", 1024)]
    [InlineData("abc", 1024)]
    [InlineData("-5", 1024)]
    [InlineData("768", 768)]
    [InlineData("1536.5", 1536.5)]
    public void The_limit_comes_from_the_variable_or_the_default(string? text, double expected) =>
        Assert.Equal(expected, WorkerMemory.Limit(text));

    [Fact]
    public void On_linux_the_resident_size_is_read()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(PeakMemory.Process.Resident() is > 0);
    }
}
