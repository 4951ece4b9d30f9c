using TorchSharp;

namespace Agop.Science.Torch;

/// <summary>Loads libtorch once, fixes threads per calling thread, and names the versions for provenance.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// The start of every unit that computes with torch: its threads and device as <see cref="Use"/> sets them, and a dispose
    /// scope that owns the unit's tensors until the unit ends (<see cref="TorchUnit"/>).
    /// </summary>
    public static TorchUnit Unit(int threads, string device) => new(Use(threads, device));

    /// <summary>
    /// Sets this thread's torch threads and picks the device: libtorch's intra-op thread count is per OS thread under OpenMP,
    /// so each worker thread sets its own. A unit calls <see cref="Unit"/>, which also opens its dispose scope.
    /// </summary>
    public static torch.Device Use(int threads, string device)
    {
        ReproducibleMath.Enable();
        torch.set_num_threads(threads);
        if (device == "cuda")
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException("device 'cuda' requested but CUDA is not available; build with -p:TorchBackend=cuda on a GPU host, or use Device = cpu");
            return torch.CUDA;
        }
        return torch.CPU;
    }

    /// <summary>The facts a manifest and the report record about the torch runtime, the GPU's included (<see cref="GpuFacts"/>).</summary>
    public static IReadOnlyDictionary<string, string> Facts(int threads, string device)
    {
        var facts = new Dictionary<string, string>
        {
            ["torchsharp"] = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?",
            ["libtorch"] = ExternalLibTorch.LoadedFrom is { } folder && ExternalLibTorch.VersionOf(folder) is var found && found != "unknown" ? found : LibTorchVersion(),
            ["libtorch_path"] = ExternalLibTorch.LoadedFrom ?? "bundled with the build",
            ["torch_threads"] = threads.ToString(),
            [ReproducibleMath.Variable.ToLowerInvariant()] = ReproducibleMath.Current,
            ["device"] = device,
        };
        foreach (var (name, value) in GpuFacts.Describe(device)) facts[name] = value;
        return facts;
    }

    /// <summary>The libtorch version as the loaded TorchSharp reports it; "unknown" when it cannot say.</summary>
    public static string LibTorchVersion(Func<string?>? query = null)
    {
        try
        {
            string? version = (query ?? (() => torch.__version__))();
            return string.IsNullOrWhiteSpace(version) ? "unknown" : version.Trim();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException
                                      or BadImageFormatException or NotSupportedException or InvalidOperationException)
        {
            return "unknown";
        }
    }
}
