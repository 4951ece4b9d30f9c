using System.Security.Cryptography;
using Agop.Build;
using Agop.Pipeline.Engine;
using Agop.Tests.Support;

namespace Agop.Tests.EndToEnd;

/// <summary>A unit's key covers the code that computes it, through build-time hashes of the source files.</summary>
[Trait("Category", "Slow")]
public class CodeVersionTests
{
    [Fact]
    public void The_embedded_hashes_are_those_of_every_source_file_on_disk()
    {
        string root = RepoRoot.Find();
        var onDisk = new[] { "src", "build", "pipeline" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        foreach (var (file, hash) in onDisk)
        {
            Assert.True(SourceHashes.Files.TryGetValue(file, out var embedded), $"{file} is not hashed into the build");
            Assert.Equal(hash, embedded, ignoreCase: true);
        }
    }

    [Fact]
    public void Editing_a_methods_file_reruns_that_methods_units_with_reason_code_changed()
    {
        using var tiny = new TinyExperiment();
        Assert.Equal(0, tiny.Run().Exit);
        var edited = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).WithEdited("src/Science/Attribution/IntegratedGradients.cs");
        var plan = Planner.Plan(PlanFixture.Plan(code: edited, yaml: TinyExperiment.DefaultYaml), new ArtifactStore(tiny.Artifacts));
        var stale = plan.Where(p => p.Action == UnitAction.Run).ToDictionary(p => p.Unit.Id, p => p.Reason);
        Assert.Equal(["attribute/linear/seed3/ig", "evaluate/linear/seed3/ig", "report"], stale.Keys.Order());
        Assert.StartsWith("code changed", stale["attribute/linear/seed3/ig"]);
        Assert.StartsWith("input changed: attribute/linear/seed3/ig <- code changed", stale["evaluate/linear/seed3/ig"]);
    }

    [Fact]
    public void Editing_the_report_layout_reruns_only_the_report()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        var edited = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).WithEdited("src/Report/ReportComposer.cs");
        var stale = PlanFixture.Plan(code: edited).Where(u => before[u.Id] != u.Key).Select(u => u.Id).ToList();
        Assert.Equal(["report"], stale);
    }

    [Fact]
    public void The_reports_key_comes_from_its_own_reach_so_an_engine_file_it_does_not_reach_leaves_it_alone()
    {
        var before = PlanFixture.Plan().ToDictionary(u => u.Id, u => u.Key);
        // the time-left display runs in the host, not in any unit: before, the report's key covered every file under pipeline/
        var display = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).WithEdited("pipeline/Display/EtaEstimator.cs");
        Assert.DoesNotContain(PlanFixture.Plan(code: display), u => before[u.Id] != u.Key);
        // a claim kind is the report's code: editing it reruns the report
        var claim = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).WithEdited("src/Report/Claims/Kinds/Leads.cs");
        Assert.Equal(["report"], PlanFixture.Plan(code: claim).Where(u => before[u.Id] != u.Key).Select(u => u.Id));
    }

    [Fact]
    public void A_unit_whose_code_reaches_no_source_file_is_an_error_not_an_empty_hash()
    {
        // a delegate of no project assembly stands for a build whose PDBs name other files (PathMap, ContinuousIntegrationBuild)
        var code = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot);
        var error = Assert.Throws<InvalidOperationException>(() => code.OfUnit(new Action<string>(Console.WriteLine), null, "train/linear/seed0"));
        Assert.Contains("train/linear/seed0", error.Message);
        Assert.Contains("PathMap", error.Message);
    }

    [Fact]
    public void A_code_dependency_that_matches_no_file_is_an_error_not_an_empty_hash()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot).Of(["src/Science/NoSuchFile.cs"]));
        Assert.Contains("NoSuchFile.cs", error.Message);
    }
}
