namespace Agop.Tests.Support;

/// <summary>
/// Tests that compare two computations bit for bit, whose bits depend on the torch thread count (MKL splits its products
/// by it: DeepSHAP's attributions differ between one and two threads). That count is process-wide, and other tests and the
/// in-process targets set it while they run, so these tests run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadSensitive
{
    public const string Name = "thread-sensitive";
}
