using Agop.Pipeline.Execution.Local;
using State = Agop.Pipeline.Execution.Local.LocalExecutor.WorkerState;

namespace Agop.Tests.Engine.Execution;

/// <summary>Which local worker takes a bundle, and when a bundle that needs a fresh worker (CNN training) retires one.</summary>
public class LocalExecutorChoiceTests
{
    [Fact]
    public void A_plain_bundle_takes_the_first_idle_worker_whatever_it_built_and_starts_one_when_none_is_idle()
    {
        Assert.Equal((1, (int?)null), LocalExecutor.Choose([new State(false, true), new State(true, true), new State(true, false)], fresh: false));
        Assert.Equal(((int?)null, (int?)null), LocalExecutor.Choose([new State(false, true)], fresh: false));
        Assert.Equal(((int?)null, (int?)null), LocalExecutor.Choose([], fresh: false));
    }

    [Fact]
    public void A_bundle_that_needs_a_fresh_worker_takes_an_idle_one_that_built_nothing_or_retires_an_idle_used_one_and_starts_one()
    {
        Assert.Equal((2, (int?)null), LocalExecutor.Choose([new State(true, true), new State(false, false), new State(true, false)], fresh: true));
        Assert.Equal(((int?)null, 1), LocalExecutor.Choose([new State(false, true), new State(true, true)], fresh: true));
        // nothing idle: a new worker, nothing retired (the busy ones keep their slots)
        Assert.Equal(((int?)null, (int?)null), LocalExecutor.Choose([new State(false, true), new State(false, false)], fresh: true));
    }
}
