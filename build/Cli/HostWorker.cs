using Agop.Pipeline.Engine;
using Agop.Pipeline.Execution;
using Agop.Pipeline.Settings;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Torch;

namespace Agop.Build.Cli;

/// <summary>
/// This host as a worker loop sees it (<c>--worker</c>, <c>--local-worker</c>): the host's targets plan the request, and
/// libtorch is the runtime.
/// </summary>
sealed class HostWorker(MethodCatalog methods) : IWorkerHost
{
    public WorkerPlan Plan(WorkerRequest request, Executor executor)
    {
        var settings = RunnerSettings.Defaults with
        {
            ArtifactsDirectory = request.ArtifactsDirectory, Jobs = 1, Threads = request.Threads, Device = request.Device,
            LibTorch = request.LibTorch, Executor = executor,
        };
        var config = Host.LoadConfig(methods, request.ConfigPath, request.Sets);
        var graph = Host.CreateGraph(methods);
        return new WorkerPlan(graph.PlanUnits(graph.Find(request.Target), Host.PlanContext(config, settings)), settings, PrepareTorch);
    }

    public bool IsRuntimeFailure(Exception e) => e is LibTorchException;

    public bool NativeHeapTuned => NativeHeap.Tuned;

    public void ReleaseNativeHeap() => NativeHeap.Release();

    static void PrepareTorch(RunnerSettings settings)
    {
        if (settings.LibTorch.Length > 0) ExternalLibTorch.Load(settings.LibTorch);
        foreach (var (name, value) in TorchRuntime.Facts(settings.Threads, settings.Device)) RunEnvironment.Set(name, value);
    }
}
