using Agop.Pipeline.Execution.Local;

namespace Agop.Tests.Engine.Execution;

public class WorkerExitTests
{
    [Theory]
    [InlineData(139, "by SIGSEGV")]
    [InlineData(137, "by SIGKILL")] // the kernel's out-of-memory killer
    [InlineData(134, "by SIGABRT")] // .NET's own fatal errors
    [InlineData(143, "by SIGTERM")]
    [InlineData(1, "with exit code 1")]
    [InlineData(0, "with exit code 0")]
    [InlineData(200, "with exit code 200")]
    public void An_exit_code_of_128_plus_a_signal_names_the_signal(int exitCode, string expected)
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(expected, WorkerExit.Describe(exitCode));
    }
}
