using System.Security.Cryptography;
using Agop.Build;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;
using Agop.Tests.EndToEnd;
using Agop.Tests.Support;

namespace Agop.Tests.Engine.CodeKeys;

/// <summary>
/// Code keys come from the compiled code: an edit to a source file (a comment appended, the hashes taken again from the
/// edited tree) stales exactly the units whose code reaches the file, and their dependents.
/// </summary>
public sealed class CodeKeyMutationTests : IDisposable
{
    const string Reached = "tests/Agop.EndToEnd.Tests/CodeKeys/Reached/";
    /// <summary>The folders whose .cs files the build hashes (build/Build.csproj, EmbedSourceHashes).</summary>
    static readonly string[] HashedFolders = ["src", "build", "pipeline", "tests"];
    readonly string _tree = Path.Combine(Path.GetTempPath(), "agop-code-tree-" + Guid.NewGuid().ToString("N")[..8]);
    readonly string _repo = RepoRoot.Find();

    public CodeKeyMutationTests()
    {
        foreach (var folder in HashedFolders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(_repo, folder), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(_repo, file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_tree, relative))!);
                File.Copy(file, Path.Combine(_tree, relative));
            }
    }

    public void Dispose()
    {
        try { Directory.Delete(_tree, recursive: true); } catch (IOException) { }
    }

    CodeHashes Hashes() => FromTree(_tree, _repo);

    /// <summary>The hashes of the copied tree as the build takes them (build/Build.csproj, EmbedSourceHashes): every <c>.cs</c> file under src/, build/, pipeline/ and tests/.</summary>
    static CodeHashes FromTree(string root, string repoRoot)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in HashedFolders)
        {
            string dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
                using var stream = File.OpenRead(file);
                files[relative] = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }
        return new CodeHashes(files, repoRoot);
    }


    /// <summary>The ids whose key changes when <paramref name="file"/> gets a comment appended.</summary>
    HashSet<string> StaleAfterEditing(string file, Func<CodeHashes, IReadOnlyList<WorkUnit>> plan)
    {
        var before = plan(Hashes()).ToDictionary(u => u.Id, u => u.Key);
        string path = Path.Combine(_tree, file);
        string original = File.ReadAllText(path);
        File.AppendAllText(path, "\n// an edit\n");
        try
        {
            return plan(Hashes()).Where(u => before[u.Id] != u.Key).Select(u => u.Id).ToHashSet();
        }
        finally
        {
            File.WriteAllText(path, original);
        }
    }

    static IReadOnlyList<WorkUnit> PlanReach(CodeHashes code)
    {
        var config = ConfigLoader.Parse(PlanFixture.Schema(), "tiny.yaml", TinyExperiment.DefaultYaml);
        var graph = new TargetGraph([new ReachTarget()]);
        return graph.PlanUnits(graph.Find("Reach"), new PlanContext(config, RunnerSettings.Defaults, code)).Units;
    }

    [Theory]
    [InlineData("Helpers/Arithmetic.cs", new[] { "reach/helper" })]                  // a helper in another folder
    [InlineData("Square.cs", new[] { "reach/square", "reach/after-square" })]        // an implementation, via the settings' delegate
    [InlineData("Circle.cs", new[] { "reach/circle" })]                              // ... and only its own unit's
    [InlineData("ShapeFactories.cs", new[] { "reach/square", "reach/circle", "reach/after-square" })] // the delegates themselves
    [InlineData("IShape.cs", new[] { "reach/square", "reach/circle", "reach/after-square" })]          // the interface called
    [InlineData("Box.cs", new[] { "reach/generic" })]                                // a generic type
    [InlineData("TableSeeds.cs", new[] { "reach/static" })]                          // called by a static field initialiser
    [InlineData("Table.cs", new[] { "reach/static" })]
    [InlineData("Point.cs", new[] { "reach/record" })]                               // a record's method
    [InlineData("Unused.cs", new string[0])]                                          // code nothing runs
    public void Editing_a_file_stales_exactly_the_units_whose_code_reaches_it_and_their_dependents(string file, string[] expected)
    {
        var stale = StaleAfterEditing(Reached + file, PlanReach);
        Assert.Equal(expected.Order(StringComparer.Ordinal), stale.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_target_file_stales_all_its_units()
    {
        var stale = StaleAfterEditing("tests/Agop.EndToEnd.Tests/CodeKeys/ReachTarget.cs", PlanReach);
        Assert.Equal(7, stale.Count);
    }

    [Fact]
    public void A_helper_reached_from_another_folder_stales_the_faithfulness_units_that_call_it()
    {
        // InternalFaithfulness (src/Science/Faithfulness/) calls FeatureRemoval.Count (src/Science/Roar/): the hand-kept
        // lists missed it, and every faith/synthetic and faith/image unit kept its key.
        var plan = PlanFixture.Plan();
        var stale = StaleAfterEditing("src/Science/Roar/FeatureRemoval.cs", code => PlanFixture.Plan(code: code));
        var expected = plan.Select(u => u.Id)
            .Where(id => id.StartsWith("faith/synthetic/", StringComparison.Ordinal) || id.StartsWith("faith/image/", StringComparison.Ordinal)
                         || id.StartsWith("faith/real/", StringComparison.Ordinal)
                         || System.Text.RegularExpressions.Regex.IsMatch(id, @"^roar/[^/]+/seed\d+/[^/]+/t[0-9.]+$")
                         || id == "report")
            .ToHashSet();
        Assert.Contains(expected, id => id.StartsWith("faith/synthetic/", StringComparison.Ordinal));
        Assert.Contains(expected, id => id.StartsWith("faith/image/", StringComparison.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), stale.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_method_file_stales_that_methods_units_and_their_dependents_only()
    {
        var stale = StaleAfterEditing("src/Science/Attribution/IntegratedGradients.cs", code => PlanFixture.Plan(code: code));
        Assert.Equivalent(new[]
        {
            "attribute/linear/seed3/ig", "evaluate/linear/seed3/ig",
            "faith/attribute/adult/seed0/ig", "faith/attribute/credit/seed0/ig",
            "faith/real/adult/seed0/ig", "faith/real/credit/seed0/ig", "faith/synthetic/linear/seed3/ig",
            "image/attribute/linear/white/seed0/ig", "image/evaluate/linear/white/seed0/ig", "faith/image/linear/white/seed0/ig",
            "report",
            "roar/adult/seed0/ig/rank", "roar/adult/seed0/ig/t0.1", "roar/adult/seed0/ig/t0.5",
            "roar/credit/seed0/ig/rank", "roar/credit/seed0/ig/t0.1", "roar/credit/seed0/ig/t0.5",
        }, stale, strict: true);
    }

    [Fact]
    public void The_report_layout_stales_only_the_report()
    {
        var stale = StaleAfterEditing("src/Report/ReportComposer.cs", code => PlanFixture.Plan(code: code));
        Assert.Equal(["report"], stale);
    }
}
