using Agop.Science.Data.Synthetic;

namespace Agop.Tests.Science;

public class GeneratorTests
{
    static SyntheticSpec Spec(string kind) => new(kind, 400, 10, 3, 4, 0.25, 0.3, 1e-4);

    [Fact]
    public void Linear_ground_truth_is_the_closed_form()
    {
        var task = (LinearTask)Spec("linear").CreateTask(new Random(5));
        var x = new double[] { 0.3, -1.2, 2.0, 0.7, -0.4, 1.1, 0.0, -2.2, 0.9, 1.5 };
        var b = new double[] { 0.1, 0.2, -0.3, 0.0, 0.5, -0.1, 0.2, 0.3, -0.4, 0.05 };
        var truth = SyntheticBenchmark.ComputeGroundTruth(task, x, b, 1e-4);
        for (int c = 0; c < 3; c++)
            for (int j = 0; j < 10; j++)
                Assert.Equal((float)((x[j] - b[j]) * task.Weight(c, j)), truth[c * 10 + j]);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("sparse")]
    [InlineData("interaction")]
    public void Finite_differences_match_the_analytic_gradient(string kind)
    {
        var task = Spec(kind).CreateTask(new Random(11));
        var random = new Random(12);
        for (int trial = 0; trial < 20; trial++)
        {
            var x = Enumerable.Range(0, 10).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            var fd = new double[30];
            task.FiniteDifferenceGradient(x, 1e-4, fd);
            var exact = new double[10];
            for (int c = 0; c < 3; c++)
            {
                task.Gradient(x, c, exact);
                for (int j = 0; j < 10; j++) Assert.Equal(exact[j], fd[c * 10 + j], tolerance: 1e-6);
            }
        }
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("sparse")]
    [InlineData("interaction")]
    public void Noise_features_get_exactly_zero_and_generation_is_deterministic(string kind)
    {
        var a = SyntheticBenchmark.Generate(Spec(kind), seed: 9);
        var b = SyntheticBenchmark.Generate(Spec(kind), seed: 9);
        Assert.Equal(a.GroundTruth, b.GroundTruth);
        Assert.Equal(a.Data.TrainX, b.Data.TrainX);
        Assert.Equal(4, a.Informative.Length);
        Assert.Equal(100, a.Data.TestCount);
        int d = a.Data.Features;
        for (int i = 0; i < a.Data.TestCount; i++)
            for (int c = 0; c < 3; c++)
            {
                var truth = a.GroundTruthFor(i, c);
                for (int j = 0; j < d; j++)
                    if (!a.Informative.Contains(j)) Assert.Equal(0f, truth[j]);
            }
        Assert.NotEqual(a.GroundTruth, SyntheticBenchmark.Generate(Spec(kind), seed: 10).GroundTruth);
    }

    [Fact]
    public void Features_are_standardised_with_training_statistics()
    {
        var data = SyntheticBenchmark.Generate(Spec("linear"), seed: 1).Data;
        var mean = data.TrainMean();
        Assert.All(mean, m => Assert.InRange(m, -1e-5, 1e-5));
    }
}
