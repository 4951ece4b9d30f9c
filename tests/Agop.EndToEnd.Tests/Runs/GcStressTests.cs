using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// The smoke config in-process while another thread collects garbage without pause: a tensor that no dispose scope owns is
/// then freed by its finalizer at once, also during its own last native call. Before every torch unit opened its scope
/// (<c>TorchRuntime.Unit</c>) this run segfaulted in an image FEI unit (THSTensor_numel on a freed tensor), as the soak's runs
/// did one time in thirty; with the scope it completes.
/// </summary>
[Trait("Category", "Slow")]
public class GcStressTests
{
    [Fact]
    public void The_smoke_config_runs_in_process_under_constant_garbage_collection()
    {
        string root = RepoRoot.Find();
        string artifacts = Path.Combine(Path.GetTempPath(), "agop-gcstress-" + Guid.NewGuid().ToString("N"));
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }) { IsBackground = true, Name = "collector" };
        collector.Start();
        try
        {
            var (exit, output, errors) = TinyExperiment.RunHost(["--config", Path.Combine(root, "configs", "smoke.yaml"), "--executor", "inproc",
                "--jobs", "2", "--threads", "1", "--artifacts", artifacts, "--set", $"data.dir={Path.Combine(root, "..", "shared", "data")}",
                "--verbosity", "quiet"]);
            Assert.True(exit == 0, errors + output);
            Assert.Matches(@"^ran \d+, reused 0, failed 0$", TinyExperiment.LastLine(output));
        }
        finally
        {
            stop.Cancel();
            collector.Join();
            try { Directory.Delete(artifacts, recursive: true); } catch (IOException) { }
        }
    }
}
