using System.Text.RegularExpressions;
using Agop.Build.Cli;
using Agop.Build.Families;
using Agop.Build.Targets.Faith;
using Agop.Pipeline.Config;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.EndToEnd;

/// <summary>
/// The science side's seams: an image method is its file and its catalog entry; a data family is its folder and one registration,
/// and every family-generic stage plans its units from the registration alone.
/// </summary>
[Trait("Category", "Slow")]
public class SeamTests
{
    /// <summary>A gradient times a configurable scale on images: a method the pipeline has never heard of.</summary>
    sealed class ScaledImageGradient(Func<Tensor, Tensor> model, double scale) : IAttributionMethod
    {
        public static readonly MethodDescriptor Descriptor = new("scaled_image_grad", "Scaled image gradient", "s · ∇f_c(x) on images",
            static (s, r) => new ScaledImageGradient(r.Output, s.Double("scale")))
        {
            Options = [new MethodOption("scale", 1.0, "factor applied to the gradient", Min: 0.001, Max: 1000)],
            Modalities = Modalities.Image,
            Baseline = BaselinePolicy.None,
        };

        public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
        {
            using var factor = scale.ToScalar();
            return ClassGradient.Compute(model, inputs, target).mul(factor);
        }
    }

    [Fact]
    public void An_image_method_is_its_file_and_its_catalog_entry_and_runs_through_attribution_evaluation_and_Table_4()
    {
        var catalog = MethodCatalog.Default.With(ScaledImageGradient.Descriptor);
        using var tiny = new TinyExperiment(TinyExperiment.ImageYaml.Replace("  methods:\n    ig:", "  methods:\n    enabled: [vanilla_grad, scaled_image_grad]\n    scaled_image_grad:\n      scale: 2.0\n    ig:"));
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = Host.Run(["--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--jobs", "2", "--threads", "1", "--executor", "inproc"], output, errors, catalog);

        Assert.True(exit == 0, errors.ToString());
        var table4 = File.ReadAllText(Path.Combine(tiny.Artifacts, "report", "table4.csv"));
        Assert.Contains("scaled_image_grad", table4);
        Assert.Contains("Scaled image gradient", File.ReadAllText(Path.Combine(tiny.Artifacts, "report", "table4.md")));
    }

    [Fact]
    public void Every_family_is_registered_once_and_lives_in_its_own_folder()
    {
        var implementations = typeof(IDataFamily).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IDataFamily).IsAssignableFrom(t)).ToList();

        Assert.Equal(implementations.OrderBy(t => t.Name), DataFamilies.All.Select(f => f.GetType()).OrderBy(t => t.Name));
        Assert.Equal(DataFamilies.All.Count, DataFamilies.All.Select(f => f.Name).Distinct().Count());
        string root = Path.Combine(RepoRoot.Find(), "build", "Families");
        foreach (var family in implementations)
        {
            string folder = family.Namespace!["Agop.Build.Families.".Length..];
            Assert.True(File.Exists(Path.Combine(root, folder, family.Name + ".cs")), $"{family.Name} is not in build/Families/{folder}/");
        }
    }

    [Fact]
    public void The_family_generic_stages_plan_from_the_registration_alone()
    {
        var plan = PlanFixture.Plan();
        var config = ConfigLoader.Parse(PlanFixture.Schema(), "plan.yaml", PlanFixture.Yaml);
        var subjects = DataFamilies.Subjects(config).ToList();
        Assert.Equal(DataFamilies.All.Where(f => f.Subjects(config).Any()).Select(f => f.Name), subjects.Select(s => s.Family).Distinct());

        var ids = plan.Select(u => u.Id).ToHashSet();
        foreach (var subject in subjects)
        {
            foreach (var method in subject.Methods)
            {
                Assert.Contains(subject.AttributionId(method), ids);
                Assert.Contains(subject.FaithId(method), ids);
            }
            Assert.Contains(subject.FaithId(FaithfulnessTarget.RandomOrderMethod), ids);
            foreach (var variant in config.Strings("fei.variants")) Assert.Contains(subject.FeiId(variant), ids);
        }
        var faithUnits = plan.Where(u => u.Id.StartsWith("faith/", StringComparison.Ordinal) && !u.Id.StartsWith("faith/attribute/", StringComparison.Ordinal)).ToList();
        Assert.Equal(subjects.Sum(s => s.Methods.Count + 1 + config.Strings("fei.variants").Count), faithUnits.Count);
    }

    [Fact]
    public void No_report_file_switches_on_a_family_or_names_a_stage()
    {
        string root = RepoRoot.Find();
        var stages = Host.CreateGraph(MethodCatalog.Default).Targets.Select(t => t.Name).ToList();
        var files = new[] { "src/Report", "build/Reporting" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories));
        foreach (var file in files)
        {
            string text = File.ReadAllText(file);
            Assert.DoesNotMatch(new Regex(@"FaithKind|\b(SyntheticFamily|RealTableFamily|ImageFamily)\b"), text);
            foreach (var stage in stages) Assert.DoesNotContain($"\"{stage}\"", text);
        }
    }

    [Fact]
    public void Every_unit_that_computes_with_torch_starts_with_its_torch_unit_and_so_its_dispose_scope()
    {
        string root = RepoRoot.Find();
        var files = new[] { "build", "pipeline" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)).ToList();
        var bare = files.Where(f => File.ReadAllText(f).Contains("TorchRuntime.Use(", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.True(bare.Count == 0, "units set torch up with TorchRuntime.Unit (its dispose scope owns their tensors), not Use: " + string.Join(", ", bare));
        var starts = files.Sum(f => Regex.Matches(File.ReadAllText(f), @"using var \w+ = TorchRuntime\.Unit\(").Count);
        Assert.True(starts >= 13, $"only {starts} units start a torch unit");
    }
}
