using Agop.Tests.Support;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Torch;

/// <summary>
/// A test that pins its torch thread count gets it whatever other tests set on their threads at the same time, so the tests
/// whose bits depend on the count need no process-wide collection.
/// </summary>
public class TorchThreadIsolationTests
{
    /// <summary>A sum long enough that libtorch splits it by the thread count (its bits differ between 1 and 2 threads).</summary>
    static float Reduce(Tensor x)
    {
        using var sum = x.sum();
        return sum.item<float>();
    }

    static T OnPinnedThread<T>(int threads, Func<T> body)
    {
        T result = default!;
        var thread = new Thread(() => { using var pinned = TorchThreads.Pin(threads); result = body(); });
        thread.Start();
        thread.Join();
        return result;
    }

    [Fact]
    public void Threads_pinned_at_once_to_one_and_two_each_see_their_own_count_and_compute_their_own_bits()
    {
        using var x = randn([1 << 22], generator: new Generator(5));
        var alone1 = OnPinnedThread(1, () => Reduce(x));
        var alone2 = OnPinnedThread(2, () => Reduce(x));
        Assert.False(alone1 == alone2, "the reduction's bits should depend on the thread count, or this test cannot fail");

        using var bothPinned = new Barrier(2);
        (int Seen, bool Same)[] Run(float expected) => Enumerable.Range(0, 20).Select(_ =>
        {
            bothPinned.SignalAndWait();
            return (get_num_threads(), Reduce(x) == expected);
        }).ToArray();
        (int, bool)[] one = [], two = [];
        var a = new Thread(() => { using var p = TorchThreads.Pin(1); one = Run(alone1); });
        var b = new Thread(() => { using var p = TorchThreads.Pin(2); two = Run(alone2); });
        a.Start(); b.Start(); a.Join(); b.Join();

        Assert.All(one, r => Assert.Equal((1, true), r));
        Assert.All(two, r => Assert.Equal((2, true), r));
    }

    [Fact]
    public void Pinning_restores_the_threads_count_it_found()
    {
        int before = OnPinnedThread(3, () =>
        {
            using (TorchThreads.Pin(1)) Assert.Equal(1, get_num_threads());
            return get_num_threads();
        });
        Assert.Equal(3, before);
    }
}
