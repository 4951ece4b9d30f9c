namespace Agop.Pipeline.Execution.Local;

/// <summary>How a worker process ended, in words: "by SIGSEGV" or "with exit code 3".</summary>
public static class WorkerExit
{
    // Linux numbering.
    static readonly string[] Signals =
    [
        "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV",
        "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU",
        "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
    ];

    /// <summary>
    /// .NET reports a child that a signal ended as exit code 128 + the signal's number (as a shell does), so a code in that
    /// range is named as its signal (an out-of-memory kill is SIGKILL; .NET's own fatal errors end in SIGABRT).
    /// </summary>
    public static string Describe(int exitCode) =>
        OperatingSystem.IsWindows() || exitCode <= 128 || exitCode - 128 >= Signals.Length
            ? $"with exit code {exitCode}"
            : $"by {Signals[exitCode - 128]}";
}
