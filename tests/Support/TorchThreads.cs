using TorchSharp;

namespace Agop.Tests.Support;

/// <summary>
/// Pins libtorch's intra-op thread count for one test. Under OpenMP the count (and MKL's, set thread-locally beside it) is
/// per OS thread, and a synchronous test runs on one thread: pinning there isolates the test from every other test,
/// whatever they set on their own threads (<c>TorchThreadIsolationTests</c> checks both). Dispose restores the count.
/// </summary>
public sealed class TorchThreads : IDisposable
{
    readonly int _before;

    TorchThreads(int threads)
    {
        _before = torch.get_num_threads();
        torch.set_num_threads(threads);
    }

    public static TorchThreads Pin(int threads) => new(threads);

    public void Dispose() => torch.set_num_threads(_before);
}
