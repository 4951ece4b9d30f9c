using System.Diagnostics;
using System.Text.Json;
using Agop.Pipeline.Execution;
using Agop.Pipeline.Execution.Local;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.Execution;

/// <summary>A local worker process on its own (no host): it plans the run's request and answers the orders on its stdin.</summary>
[Trait("Category", "Slow")]
public class LocalWorkerTests
{
    [Fact]
    public async Task A_worker_refuses_a_unit_whose_key_differs_from_its_own_plan_and_exits_when_its_stdin_ends()
    {
        using var tiny = new TinyExperiment();
        var folder = LocalRunFolder.CreateUnder(tiny.Artifacts);
        folder.WriteRequest(new WorkerRequest("Generate", tiny.ConfigPath, [], tiny.Artifacts, 1, "cpu", ""));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Agop.Build.dll"), "--worker", folder.Path }) start.ArgumentList.Add(arg);
        using var worker = Process.Start(start)!;
        var log = worker.StandardError.ReadToEndAsync();

        worker.StandardInput.WriteLine(new WorkerOrder(7, [new BundledUnit("generate/linear/seed3", new string('0', 64), "new")]).ToLine());
        var events = new List<WorkerEvent>();
        while (worker.StandardOutput.ReadLine() is { } line)
        {
            events.Add(WorkerEventWriter.Parse(line) ?? throw new InvalidDataException($"not an event: {line}"));
            if (events[^1].Kind == WorkerEventKind.BundleDone) break;
        }
        worker.StandardInput.Close();
        Assert.True(worker.WaitForExit(TimeSpan.FromMinutes(1)), "the worker did not exit when its stdin ended");

        Assert.Equal(0, worker.ExitCode);
        var refused = Assert.Single(events, e => e.Kind == WorkerEventKind.Finished);
        Assert.Equal("generate/linear/seed3", refused.Unit);
        Assert.Equal(Agop.Pipeline.Engine.UnitOutcome.Failed, refused.Outcome);
        Assert.Contains("this worker plans generate/linear/seed3 with another key than the host", refused.Error);
        Assert.Equal(7, events[^1].Bundle);
        Assert.DoesNotContain(events, e => e.Kind == WorkerEventKind.Started);
        Assert.Contains("planned", await log);
        Assert.False(Directory.Exists(Path.Combine(tiny.Artifacts, "store")), "nothing was built");
    }
}
