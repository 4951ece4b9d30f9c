using System.Globalization;
using Agop.Pipeline.Display;
using Agop.Tests.Support;

namespace Agop.Tests.Engine;

/// <summary>
/// The time left against a recorded run's unit timings (Fixtures/default-run-units.csv: the default config from an empty
/// store, every unit in the order it finished, with its stage and seconds), not the wall clock. The run is replayed on a
/// simulated machine of another speed, whose stages do not all scale alike, with per-unit noise: two jobs take the units in
/// the recorded order, and at each checkpoint the estimate from the units finished so far is compared with the time the
/// replay still needs.
/// </summary>
public class TimeLeftTests
{
    sealed record RecordedUnit(string Id, string Stage, double Seconds);

    static IReadOnlyList<RecordedUnit> Recorded() => File.ReadLines(Path.Combine(RepoRoot.Find(), "tests", "Agop.Engine.Tests", "Fixtures", "default-run-units.csv"))
        .Skip(1).Select(l => l.Split(',')).Select(f => new RecordedUnit(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture))).ToList();

    static UnitCostModel Shipped() => UnitCostModel.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "build", UnitCostModel.FileName)));

    /// <summary>
    /// Another machine: <paramref name="speed"/> times the recorded seconds, the trainings (Train, TrainImage, Roar, Fei) a further
    /// <paramref name="skew"/> slower and the other stages as much faster, and ±<paramref name="noise"/>/2 per unit.
    /// </summary>
    static double[] Replayed(IReadOnlyList<RecordedUnit> units, double speed, double skew, double noise) => units.Select((u, i) =>
    {
        double jitter = 1 - noise / 2 + noise * (Math.Abs(Math.Sin(i * 12.9898) * 43758.5453) % 1);
        double stage = u.Stage is "Train" or "TrainImage" or "Roar" or "Fei" ? 1 + skew : 1 - skew / 3;
        return u.Seconds * speed * stage * jitter;
    }).ToArray();

    /// <summary>Two jobs take the units in order; returns each unit's finish time.</summary>
    static double[] Schedule(double[] seconds, int jobs)
    {
        var free = new double[jobs];
        var finish = new double[seconds.Length];
        for (int i = 0; i < seconds.Length; i++)
        {
            int job = Array.IndexOf(free, free.Min());
            free[job] += seconds[i];
            finish[i] = free[job];
        }
        return finish;
    }

    /// <summary>The estimate once <paramref name="share"/> of the replay's wall time has passed, against the wall time it still needs.</summary>
    static (double Estimate, double Truth) At(double share, IReadOnlyList<RecordedUnit> units, double[] seconds, UnitCostModel? costs)
    {
        const int jobs = 2;
        var finish = Schedule(seconds, jobs);
        double end = finish.Max(), now = share * end;
        var eta = new EtaEstimator(jobs, costs: costs);
        var remaining = new List<(string, string)>();
        foreach (int i in Enumerable.Range(0, units.Count).OrderBy(i => finish[i]))
            if (finish[i] <= now) eta.Finished(units[i].Id, units[i].Stage, TimeSpan.FromSeconds(seconds[i]));
            else remaining.Add((units[i].Id, units[i].Stage));
        return (eta.Remaining(remaining)!.Value.TotalSeconds, end - now);
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.0)]
    [InlineData(1.0, 0.0, 0.5)]
    [InlineData(0.6, 0.15, 0.5)]
    [InlineData(1.9, 0.15, 0.0)]
    [InlineData(1.9, 0.15, 0.5)]
    public void From_a_tenth_of_the_run_on_the_time_left_is_within_a_quarter_of_the_truth(double speed, double skew, double noise)
    {
        var units = Recorded();
        Assert.True(units.Count > 4000, "the fixture is the default config's whole run");
        var seconds = Replayed(units, speed, skew, noise);
        foreach (double share in new[] { 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9 })
        {
            var (estimate, truth) = At(share, units, seconds, Shipped());
            Assert.True(estimate / truth is >= 0.75 and <= 1.25, $"at {share:P0} of the run: estimate {estimate:0} s, truth {truth:0} s");
        }
    }

    [Fact]
    public void Without_the_shipped_cost_model_the_estimate_at_a_tenth_is_far_off()
    {
        // what the estimate did before: this run's stage means, else the median unit (a fresh store has no history)
        var units = Recorded();
        var (estimate, truth) = At(0.1, units, Replayed(units, 1.0, 0, 0), costs: null);
        Assert.True(estimate / truth is < 0.75 or > 1.25, $"{estimate / truth:0.00}");
    }

    [Fact]
    public void A_cost_class_leaves_out_the_seed_and_the_variant_and_an_unknown_class_takes_its_stages_mean()
    {
        Assert.Equal("roar/adult/seed*/lime/t0.1", UnitCostModel.ClassOf("roar/adult/seed42/lime/t0.1@lime-fresh"));
        Assert.Equal("image/train/xor/white/seed*", UnitCostModel.ClassOf("image/train/xor/white/seed3"));
        var model = new UnitCostModel(new Dictionary<string, double> { ["train/linear/seed*"] = 10 }, new Dictionary<string, double> { ["Train"] = 7 });
        Assert.Equal(10, model.CostOf("train/linear/seed5", "Train"));
        Assert.Equal(7, model.CostOf("train/bank/seed0", "Train"));
        Assert.Null(model.CostOf("report", "Report"));
        // calibration: units that took twice their recorded cost make the rest twice as long (run and stage agree here)
        var eta = new EtaEstimator(1, costs: model);
        Assert.Equal(TimeSpan.FromSeconds(10 + 7), eta.Remaining([("train/linear/seed1", "Train"), ("train/bank/seed1", "Train")]));
        eta.Finished("train/linear/seed0", "Train", TimeSpan.FromSeconds(20));
        Assert.Equal(20 + 14, eta.Remaining([("train/linear/seed1", "Train"), ("train/bank/seed1", "Train")])!.Value.TotalSeconds, 6);
        // a stage with few recorded seconds of its own leans on the run's speed: 2x from Train, 1 s of Evaluate at 1x
        var costs = new UnitCostModel(new Dictionary<string, double> { ["train/linear/seed*"] = 10, ["evaluate/linear/seed*"] = 1 }, new Dictionary<string, double>());
        var shrunk = new EtaEstimator(1, costs: costs);
        shrunk.Finished("train/linear/seed0", "Train", TimeSpan.FromSeconds(20));
        shrunk.Finished("evaluate/linear/seed0", "Evaluate", TimeSpan.FromSeconds(1));
        double run = 21.0 / 11, evaluate = (1 + EtaEstimator.StagePrior * run) / (1 + EtaEstimator.StagePrior);
        Assert.Equal(evaluate, shrunk.Remaining([("evaluate/linear/seed1", "Evaluate")])!.Value.TotalSeconds, 6);
    }
}
