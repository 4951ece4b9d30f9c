using Agop.Pipeline.Engine;
using TorchSharp;

namespace Agop.Science.Torch;

/// <summary>Loads libtorch once, fixes threads per calling thread, and records versions for provenance.</summary>
public static class TorchRuntime
{
    static readonly object Gate = new();
    static bool _described;

    /// <summary>
    /// Call at the start of every unit: libtorch's intra-op thread count is per OS thread under OpenMP,
    /// so each worker thread sets its own.
    /// </summary>
    public static torch.Device Use(int threads, string device)
    {
        torch.set_num_threads(threads);
        Describe(threads, device);
        if (device == "cuda")
        {
            if (!torch.cuda.is_available())
                throw new InvalidOperationException("device 'cuda' requested but CUDA is not available; build with -p:TorchBackend=cuda on a GPU host, or use Device = cpu");
            return torch.CUDA;
        }
        return torch.CPU;
    }

    public static void Describe(int threads, string device)
    {
        lock (Gate)
        {
            if (_described) return;
            _described = true;
            var torchSharp = typeof(torch).Assembly.GetName().Version?.ToString() ?? "?";
            RunEnvironment.Set("torchsharp", torchSharp);
            RunEnvironment.Set("libtorch", LibTorchVersion());
            RunEnvironment.Set("torch_threads", threads.ToString());
            RunEnvironment.Set("device", device);
        }
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
