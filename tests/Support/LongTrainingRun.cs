using System.Diagnostics;

namespace Agop.Tests.Support;

/// <summary>
/// The built task host in a separate process, training one long Train unit of a tiny experiment, so a test can
/// act (kill it, start a rival run) while that unit is at work in its temp folder.
/// </summary>
public sealed class LongTrainingRun : IDisposable
{
    public const string Epochs = "train.epochs=5000";

    readonly TinyExperiment _tiny;

    public LongTrainingRun(TinyExperiment tiny)
    {
        _tiny = tiny;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Agop.Build.dll"), "--config", tiny.ConfigPath,
                     "--artifacts", tiny.Artifacts, "--target", "Train", "--jobs", "1", "--threads", "1", "--set", Epochs })
            start.ArgumentList.Add(arg);
        Process = Process.Start(start)!;
        Process.ErrorDataReceived += (_, _) => { };
        Process.OutputDataReceived += (_, _) => { };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
    }

    public Process Process { get; }

    /// <summary>Returns once the Train unit has started (Generate has committed and a temp folder exists).</summary>
    public async Task TrainingStarted()
    {
        string tmp = Path.Combine(_tiny.Artifacts, "tmp");
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!(Directory.Exists(tmp) && Directory.GetDirectories(tmp).Length > 0 && Directory.Exists(Path.Combine(_tiny.Artifacts, "store", "generate"))))
        {
            Assert.True(DateTime.UtcNow < deadline, "the training unit never started");
            Assert.False(Process.HasExited, "the run ended before the training unit was seen at work");
            await Task.Delay(5);
        }
    }

    /// <summary>Stops the process (SIGSTOP) where it is: it keeps its unit's lock, and never finishes on its own, until killed.</summary>
    public void Pause()
    {
        if (kill(Process.Id, SigStop) != 0) throw new InvalidOperationException($"could not stop process {Process.Id}");
    }

    const int SigStop = 19;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    static extern int kill(int pid, int signal);

    public async Task Kill()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
