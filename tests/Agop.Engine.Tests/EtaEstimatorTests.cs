using Agop.Pipeline.Display;
using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine;

/// <summary>The time left is estimated stage by stage: this run's units, else earlier runs' manifests, else the median of this run's units.</summary>
public class EtaEstimatorTests
{
    [Fact]
    public void A_stage_with_a_finished_unit_uses_its_own_mean_not_the_overall_one()
    {
        var eta = new EtaEstimator(jobs: 1);
        eta.Finished("Train", TimeSpan.FromSeconds(100));
        eta.Finished("Attribute", TimeSpan.FromSeconds(1));
        eta.Finished("Attribute", TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(2 + 2 + 100), eta.Remaining(["Attribute", "Attribute", "Train"]));
    }

    [Fact]
    public void A_stage_without_a_finished_unit_uses_its_history_before_the_overall_mean()
    {
        var eta = new EtaEstimator(jobs: 2, new Dictionary<string, double> { ["Evaluate"] = 0.5 });
        eta.Finished("Train", TimeSpan.FromSeconds(60));
        // Evaluate: 4 × 0.5 s from history (not 4 × 60 s from the overall mean), shared by 2 jobs.
        Assert.Equal(TimeSpan.FromSeconds(1), eta.Remaining(["Evaluate", "Evaluate", "Evaluate", "Evaluate"]));
    }

    [Fact]
    public void This_runs_units_beat_the_history_and_the_overall_mean_is_the_last_resort()
    {
        var eta = new EtaEstimator(jobs: 1, new Dictionary<string, double> { ["Train"] = 1000 });
        eta.Finished("Train", TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(10), eta.Remaining(["Train"]));
        Assert.Equal(TimeSpan.FromSeconds(10), eta.Remaining(["Report"]));
    }

    [Fact]
    public void On_a_fresh_store_a_stage_not_yet_seen_takes_the_median_unit_so_a_few_trainings_are_not_extrapolated()
    {
        var eta = new EtaEstimator(jobs: 1);
        foreach (double seconds in new[] { 120.0, 110, 0.2, 0.1, 0.3 }) eta.Finished(seconds > 1 ? "Train" : "Generate", TimeSpan.FromSeconds(seconds));
        // Evaluate: 100 × the median 0.3 s, not 100 × the mean 46 s.
        Assert.Equal(30, eta.Remaining(Enumerable.Repeat("Evaluate", 100))!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void The_estimate_says_how_many_remaining_stages_are_not_timed_yet()
    {
        var eta = new EtaEstimator(jobs: 1, new Dictionary<string, double> { ["Evaluate"] = 1 });
        eta.Finished("Generate", TimeSpan.FromSeconds(2));
        // Generate: timed in this run; Evaluate: by its history; Fei and Roar: guessed from the median (2 s each)
        Assert.Equal(2, eta.Untimed(["Generate", "Evaluate", "Fei", "Fei", "Roar"]));
        Assert.Equal("~9s left (2 stages not timed yet)", eta.Describe(["Generate", "Evaluate", "Fei", "Fei", "Roar"]));
        Assert.Equal("~4s left (1 stage not timed yet)", eta.Describe(["Generate", "Fei"]));
        Assert.Equal("~3s left", eta.Describe(["Generate", "Evaluate"]));
    }

    [Fact]
    public void History_alone_gives_an_estimate_and_nothing_known_gives_none()
    {
        var eta = new EtaEstimator(jobs: 1, new Dictionary<string, double> { ["Train"] = 30 });
        Assert.Equal(TimeSpan.FromSeconds(60), eta.Remaining(["Train", "Train"]));
        Assert.Null(eta.Remaining(["Train", "Report"]));
    }

    [Fact]
    public void The_history_is_the_median_of_the_stores_manifests_per_stage()
    {
        string root = Path.Combine(Path.GetTempPath(), $"agop-history-{Guid.NewGuid():N}");
        try
        {
            var store = new ArtifactStore(root);
            store.EnsureCreated();
            void Write(string stage, string key, double seconds)
            {
                string folder = Path.Combine(root, "store", stage.ToLowerInvariant(), key);
                Directory.CreateDirectory(folder);
                var manifest = new Manifest($"{stage}/{key}", stage, key, "code", "settings", new Dictionary<string, string>(),
                    new Dictionary<string, string>(), [new ManifestFile("out.txt", 1, new string('0', 64))], DateTimeOffset.UtcNow, seconds,
                    new Dictionary<string, double>(), new Dictionary<string, string>());
                File.WriteAllText(Path.Combine(folder, Manifest.FileName), manifest.ToJson());
            }
            Write("Train", "a", 10);
            Write("Train", "b", 30);
            Write("Train", "c", 1000);
            Write("Evaluate", "d", 1);
            Write("Evaluate", "e", 2);
            Directory.CreateDirectory(Path.Combine(root, "store", "train", "broken")); // no manifest: ignored

            var medians = StageHistory.Medians(store, ["Train", "Evaluate", "Report"]);
            Assert.Equal(30, medians["Train"]);
            Assert.Equal(1.5, medians["Evaluate"]);
            Assert.False(medians.ContainsKey("Report"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
