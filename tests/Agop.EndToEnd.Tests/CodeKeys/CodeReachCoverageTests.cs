using Agop.Build;
using Agop.Pipeline.Engine;
using Agop.Tests.EndToEnd;

namespace Agop.Tests.Engine.CodeKeys;

/// <summary>Every source file of the science and the targets is in some unit's code key, or is known to run outside any unit.</summary>
public class CodeReachCoverageTests
{
    /// <summary>Files no unit's code reaches, and why that is right.</summary>
    static readonly Dictionary<string, string> ReachNoUnit = new(StringComparer.Ordinal)
    {
        ["src/NativeFix/ElfVersionNeedPatcher.cs"] = "an MSBuild task run at build time",
        ["src/Analyzers/ScalarAnalyzer.cs"] = "a Roslyn analyzer run by the compiler",
        ["src/Analyzers/TorchSharpInternalScalars.cs"] = "the analyzer's list of TorchSharp members",
        ["src/Science/Attribution/Catalog/MethodCatalog.cs"] = "read at plan time; a unit reaches its own method through the factory its settings carry",
        ["src/Science/Images/Data/RgbImage.cs"] = "CLEVR-XAI's PNG reader, used only by the CLEVR-XAI preflight check",
        ["src/Science/Images/HeatmapReduction.cs"] = "CLEVR-XAI heatmap reduction, not yet called by a stage (H4/H5 are not reproduced)",
        ["src/Science/Torch/ExternalLibTorch.cs"] = "loads --libtorch in the host before any unit",
        ["src/Science/Torch/GpuFacts.cs"] = "the host's environment facts for the manifests",
    };

    [Fact]
    public void Every_source_file_under_src_and_build_targets_reaches_a_unit_or_is_listed_as_reaching_none()
    {
        // paper.yaml enables every method, variant and part
        var units = PlanFixture.PlanShipped("paper");
        var code = new CodeHashes(SourceHashes.Files, SourceHashes.RepoRoot);
        var reached = units.SelectMany(u => code.Reach.Files(u.Body!, u.SettingsValue)).ToHashSet(StringComparer.Ordinal);

        var sources = code.Files.Keys.Where(f => f.StartsWith("src/", StringComparison.Ordinal) || f.StartsWith("build/Targets/", StringComparison.Ordinal)).ToList();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files");
        var unexplained = sources.Where(f => !reached.Contains(f) && !ReachNoUnit.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unexplained.Count == 0, "no unit's code reaches these files; list them with the reason, or find the unit that should: " +
                                            string.Join(", ", unexplained));
        var listedButReached = ReachNoUnit.Keys.Where(reached.Contains).ToList();
        Assert.True(listedButReached.Count == 0, "listed as reaching no unit, but reached: " + string.Join(", ", listedButReached));
    }
}
