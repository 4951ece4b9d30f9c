using Agop.Build.Cli;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.EndToEnd;

/// <summary>Adding a method is one declaration plus one catalog line: no target, schema or report file changes.</summary>
[Trait("Category", "Slow")]
public class SixthMethodTests
{
    /// <summary>Vanilla gradient times a configurable scale: a method the pipeline has never heard of.</summary>
    sealed class ScaledGradient(Func<Tensor, Tensor> model, double scale) : IAttributionMethod
    {
        public static readonly MethodDescriptor Descriptor = new("scaled_grad", "Scaled gradient", "s · ∇f_c(x)",
            static (s, r) => new ScaledGradient(r.Model.forward, s.Double("scale")))
        {
            Options = [new MethodOption("scale", 1.0, "factor applied to the gradient", Min: 0.001, Max: 1000)],
            Baseline = BaselinePolicy.None,
        };

        public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
        {
            using var factor = scale.ToScalar();
            return ClassGradient.Compute(model, inputs, target).mul(factor);
        }
    }

    [Fact]
    public void A_registered_sixth_method_runs_through_plan_attribute_evaluate_and_the_report_tables()
    {
        var catalog = MethodCatalog.Default.With(ScaledGradient.Descriptor);
        using var tiny = new TinyExperiment(TinyExperiment.DefaultYaml.Replace("methods:", "methods:\n  enabled: [agop_ixg, ixg, scaled_grad]\n  scaled_grad:\n    scale: 2.0"));
        int Run(out string output, params string[] extra)
        {
            var writer = new StringWriter();
            var errors = new StringWriter();
            // In-process: a worker process would plan with the default catalog, without the sixth method.
            var args = new List<string> { "--config", tiny.ConfigPath, "--artifacts", tiny.Artifacts, "--jobs", "2", "--threads", "1", "--executor", "inproc" };
            args.AddRange(extra);
            int exit = Host.Run(args, writer, errors, catalog);
            output = writer + errors.ToString();
            return exit;
        }

        Assert.Equal(0, Run(out var dry, "--dry-run"));
        Assert.Contains("attribute/linear/seed3/scaled_grad", dry);
        Assert.Equal(0, Run(out var run));
        Assert.EndsWith("failed 0", run.TrimEnd());
        var table1 = File.ReadAllLines(Path.Combine(tiny.Artifacts, "report", "table1.csv"));
        Assert.Contains(table1, line => line.StartsWith("linear,scaled_grad,"));
        Assert.Contains("Scaled gradient", File.ReadAllText(Path.Combine(tiny.Artifacts, "report", "table1.md")));

        // its option is a config key like any other, and changing it reruns only its units and the report
        Assert.Equal(0, Run(out var changed, "--dry-run", "--verbosity", "quiet", "--set", "methods.scaled_grad.scale=3"));
        var toRun = changed.Split('\n').Where(l => l.StartsWith("run ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).Order().ToList();
        Assert.Equal(["attribute/linear/seed3/scaled_grad", "evaluate/linear/seed3/scaled_grad", "report"], toRun);
    }

    [Fact]
    public void The_default_catalog_has_each_papers_methods_with_its_proposed_one()
    {
        // random is the chance baseline: selectable on tables (ROAR's random ranking), in no tabular default (RandomRoarRankingTests)
        Assert.Equal(["agop_ixg", "ixg", "ig", "shap", "lime", "random"], MethodCatalog.Default.For(Modalities.Tabular).Select(m => m.Id));
        Assert.Equal("agop_ixg", MethodCatalog.Default.Proposed?.Id);
        Assert.Equal(["agop_weighted", "agop_local", "agop_global", "vanilla_grad", "ig", "smoothgrad", "gradcam", "random"],
            MethodCatalog.Default.For(Modalities.Image).Select(m => m.Id));
        Assert.Equal("agop_weighted", MethodCatalog.Default.ProposedFor(Modalities.Image)?.Id);
        Assert.Throws<ArgumentException>(() => MethodCatalog.Default.With(IntegratedGradients.Descriptor));
    }
}
