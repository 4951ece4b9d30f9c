using Agop.Pipeline.Engine;

namespace Agop.Tests.Engine;

/// <summary>The README's command builds Debug; Directory.Build.props keeps the code optimized there too, and every manifest says so.</summary>
public class OptimizedBuildTests
{
    [Fact]
    public void The_project_assemblies_are_optimized_in_this_configuration_and_the_manifests_say_so()
    {
        foreach (var assembly in new[] { typeof(Agop.Science.Attribution.DeepShap).Assembly, typeof(CodeOptimization).Assembly, typeof(Agop.Report.ReportComposer).Assembly })
            Assert.True(CodeOptimization.IsOptimizedAssembly(assembly), $"{assembly.GetName().Name} was compiled without optimizations");
        Assert.True(CodeOptimization.IsOptimized);
        Assert.Equal("true", RunEnvironment.Describe()["optimized"]);
    }

    [Fact]
    public void An_unoptimized_run_larger_than_the_smoke_config_warns_once_and_a_small_or_optimized_one_does_not()
    {
        Assert.Null(CodeOptimization.Warning(5000, optimized: true));
        Assert.Null(CodeOptimization.Warning(CodeOptimization.WarnAboveUnits, optimized: false));
        var warning = CodeOptimization.Warning(4735, optimized: false);
        Assert.NotNull(warning);
        Assert.StartsWith("warning: this build's code is not optimized", warning);
        Assert.Contains("4735 units", warning);
        Assert.DoesNotContain('\n', warning);
    }
}
