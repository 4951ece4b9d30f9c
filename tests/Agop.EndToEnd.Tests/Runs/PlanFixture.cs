using Agop.Build;
using Agop.Build.Cli;
using Agop.Build.Config;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution.Catalog;

namespace Agop.Tests.EndToEnd;

/// <summary>Plans the whole graph in memory (no artifacts, no data access) for a config with overrides.</summary>
public static class PlanFixture
{
    /// <summary>Part 1 and Part 2 on a tiny grid; planning never reads the data, so data.dir need not exist.</summary>
    public const string Yaml = """
        name: plan
        seeds: [3]
        synthetic:
          datasets: [linear]
          samples: 240
          features: 8
          informative: 3
        train:
          hidden: [16, 8]
        roar:
          datasets: [adult, credit]
          seeds: [0]
          fractions: [0.1, 0.5]
        data:
          dir: /nonexistent/data
          download: false
        image:
          scenarios: [linear]
          backgrounds: [white]
          seeds: [0]
          samples: 400
          methods:
            enabled: [agop_weighted, ig]
        faith:
          max_samples: 8
        fei:
          variants: [fei, fei_ext]
          samples: 4
          steps: 5
        report:
          figure_samples: [0]
        """;

    public static ConfigSchema Schema(MethodCatalog? catalog = null) => ExperimentSchema.Create(catalog ?? MethodCatalog.Default);

    /// <summary>The plan of one of the shipped configs (<c>configs/&lt;name&gt;.yaml</c>) for a target.</summary>
    public static IReadOnlyList<WorkUnit> PlanShipped(string name, string target = "Report")
    {
        var catalog = MethodCatalog.Default;
        var config = Host.LoadConfig(catalog, Path.Combine(Support.RepoRoot.Find(), "configs", name + ".yaml"), []);
        var graph = Host.CreateGraph(catalog);
        var settings = RunnerSettings.Defaults with { ArtifactsDirectory = Path.Combine(Path.GetTempPath(), "agop-plan-never-written"), Threads = 1 }; // as TinyExperiment runs: threads are in torch units' keys
        return graph.PlanUnits(graph.Find(target), Host.PlanContext(config, settings)).Units;
    }

    public static IReadOnlyList<WorkUnit> Plan(IEnumerable<string>? overrides = null, CodeHashes? code = null, MethodCatalog? catalog = null,
        string yaml = Yaml, string target = "Report")
    {
        catalog ??= MethodCatalog.Default;
        var config = ConfigLoader.Parse(Schema(catalog), "plan.yaml", yaml, overrides);
        ExperimentSchema.CheckConsistency(config);
        var graph = Host.CreateGraph(catalog);
        var settings = RunnerSettings.Defaults with { ArtifactsDirectory = Path.Combine(Path.GetTempPath(), "agop-plan-never-written"), Threads = 1 }; // as TinyExperiment runs: threads are in torch units' keys
        return graph.PlanUnits(graph.Find(target), Host.PlanContext(config, settings, code: code)).Units;
    }
}
