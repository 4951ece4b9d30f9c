using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>Target edges follow the data: ROAR needs no Part 1 unit, and planning reads no data.</summary>
[Trait("Category", "Slow")]
public class DataFlowTests
{
    [Fact]
    public void Roar_plans_no_part_1_units()
    {
        var ids = PlanFixture.Plan(target: "Roar").Select(u => u.Id).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(id.StartsWith("fetchdata/") || id.StartsWith("roar/"), id));
    }

    [Fact]
    public void A_dry_run_touches_no_data_and_attempts_no_download()
    {
        // The data folder does not exist and downloads are allowed: any locate, read or download would fail or show.
        using var tiny = new TinyExperiment(TinyExperiment.DefaultYaml.Replace("  datasets: []", "  datasets: [adult, credit]"));
        var (exit, output, errors) = tiny.Run("--target", "Roar", "--dry-run", "--verbosity", "normal",
            "--set", "data.dir=", "--set", "data.download=true", "--artifacts", Path.Combine(tiny.Root, "fresh"));
        Assert.True(exit == 0, errors);
        Assert.Contains("run   fetchdata/adult", output);
        Assert.False(Directory.Exists(Path.Combine(tiny.Root, "fresh", "data-cache")), "nothing may be downloaded into the cache");

        // a configured folder that does not exist is only looked at when the data is fetched, never by a dry run
        var missing = tiny.Run("--target", "Roar", "--dry-run", "--set", "data.dir=/nonexistent/agop-data", "--set", "data.download=false");
        Assert.True(missing.Exit == 0, missing.Errors);
        var run = tiny.Run("--target", "Roar", "--set", "data.dir=/nonexistent/agop-data", "--set", "data.download=false");
        Assert.Equal(2, run.Exit);
        Assert.Contains("/nonexistent/agop-data", run.Errors);
    }
}
