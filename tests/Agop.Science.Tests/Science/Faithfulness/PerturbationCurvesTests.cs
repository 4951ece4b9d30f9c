using Agop.Science.Faithfulness;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Tests.Science.Faithfulness;

/// <summary>Insertion and deletion curves (SPEC §11.2, §11.7): ranking, ties, step, per-pixel masks, batching.</summary>
public class PerturbationCurvesTests
{
    // Linear(5, 2): z = W x + b
    static readonly double[,] W = { { 1.0, -0.5, 2.0, 0.3, -1.2 }, { -0.4, 0.8, 0.1, -0.6, 0.5 } };
    static readonly double[] B = [0.2, -0.1];
    static readonly double[] X = [0.9, -1.1, 0.4, 1.5, 0.7];

    static Tensor Row(params double[] values) => tensor(values, dtype: ScalarType.Float64).unsqueeze(0);

    static double ProbabilityOf(HandNet net, Tensor x, long c) => nn.functional.softmax(net.Forward(x), 1)[0, c].item<double>();

    [Fact]
    public void Ranking_is_descending_with_ties_to_the_lower_index_and_nan_last()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([3L, 0, 1, 4, 2], Ranking.Positions(Row(1, 3, 3, 0, 3)).data<long>().ToArray());
        Assert.Equal([3L, 1, 0, 2], Ranking.Positions(Row(-3, 1, 3, -1), RankBy.Signed).data<long>().ToArray());
        Assert.Equal([0L, 2, 1, 3], Ranking.Positions(Row(-3, 1, 3, -1), RankBy.Abs).data<long>().ToArray());
        Assert.Equal([2L, 1, 3, 0], Ranking.Positions(Row(double.NaN, 1, double.NaN, 2)).data<long>().ToArray());
        // many equal values: still index order
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i).ToArray(), Ranking.Positions(zeros(1, 3000)).data<long>().ToArray());
        Assert.Equal(RankBy.Abs, Ranking.Parse("abs"));
        Assert.Equal(RankBy.Signed, Ranking.Parse("signed"));
        Assert.Throws<ArgumentException>(() => Ranking.Parse("magnitude"));
    }

    [Fact]
    public void Input_times_weight_difference_gives_the_optimal_deletion_and_insertion_order_on_a_linear_model()
    {
        using var scope = NewDisposeScope();
        var net = new HandNet((W, B));
        var x = Row(X);
        long c = net.Forward(x).argmax(1).item<long>();
        long o = 1 - c;
        var exact = Enumerable.Range(0, 5).Select(j => X[j] * (W[c, j] - W[o, j])).ToArray();
        Assert.Contains(exact, v => v < 0); // the signed order matters

        var permutations = Permutations([0, 1, 2, 3, 4]).ToList();
        Assert.Equal(120, permutations.Count);
        var rows = new List<double[]> { exact };
        foreach (var order in permutations)
        {
            var a = new double[5];
            for (int p = 0; p < 5; p++) a[order[p]] = 5 - p;
            rows.Add(a);
        }
        int n = rows.Count;
        var attribution = tensor(rows.SelectMany(r => r).ToArray(), [n, 5], dtype: ScalarType.Float64);
        var inputs = x.expand(n, 5).contiguous();
        var substrate = zeros(1, dtype: ScalarType.Float64);
        using var curves = new PerturbationCurves(net.Forward).Compute(inputs, attribution, zeros(5, dtype: ScalarType.Float64), substrate);

        Assert.Equal(new long[] { n, 6 }, curves.Deletion.shape);
        Assert.All(curves.Target.data<long>().ToArray(), t => Assert.Equal(c, t));
        var deletion = CurveAuc.Rise(curves.Deletion);
        var insertion = CurveAuc.Rise(curves.Insertion);
        for (int i = 1; i < n; i++)
        {
            Assert.True(deletion[0] <= deletion[i] + 1e-12, $"permutation {i - 1} deletes better: {deletion[i]} < {deletion[0]}");
            Assert.True(insertion[0] >= insertion[i] - 1e-12, $"permutation {i - 1} inserts better: {insertion[i]} > {insertion[0]}");
        }
        Assert.Equal(deletion.Skip(1).Min(), deletion[0], 14); // reached by the permutation in the same order

        // endpoints: deletion from p_c(x) to p_c(b), insertion from p_c(x⁰) to p_c(x)
        double px = ProbabilityOf(net, x, c), p0 = ProbabilityOf(net, zeros(1, 5, dtype: ScalarType.Float64), c);
        Assert.Equal(px, curves.Deletion[0, 0].item<double>(), 14);
        Assert.Equal(p0, curves.Deletion[0, 5].item<double>(), 14);
        Assert.Equal(p0, curves.Insertion[0, 0].item<double>(), 14);
        Assert.Equal(px, curves.Insertion[0, 5].item<double>(), 14);
    }

    [Fact]
    public void Ties_in_the_attribution_perturb_the_lower_index_first()
    {
        using var scope = NewDisposeScope();
        var net = new HandNet((new double[,] { { 2, 1, 0 }, { 0, 0, 0 } }, [0.0, 0.0]));
        var x = Row(1, 1, 1);
        using var curves = new PerturbationCurves(net.Forward).Compute(x, Row(0.5, 0.5, 0), zeros(3, dtype: ScalarType.Float64), zeros(3, dtype: ScalarType.Float64));
        // deleting feature 0 first leaves margin 1 (feature 1 first would leave 2); inserting it first gives margin 2
        Assert.Equal(1 / (1 + Math.Exp(-1)), curves.Deletion[0, 1].item<double>(), 14);
        Assert.Equal(1 / (1 + Math.Exp(-2)), curves.Insertion[0, 1].item<double>(), 14);
    }

    [Fact]
    public void A_step_of_two_features_gives_ceil_d_over_two_steps_and_perturbs_two_at_a_time()
    {
        using var scope = NewDisposeScope();
        var net = new HandNet((W, B));
        var x = Row(X);
        var attribution = Row(5, 4, 3, 2, 1);
        using var curves = new PerturbationCurves(net.Forward, step: 2).Compute(x, attribution, zeros(5, dtype: ScalarType.Float64), zeros(5, dtype: ScalarType.Float64));
        Assert.Equal(new long[] { 1, 4 }, curves.Deletion.shape);
        long c = curves.Target[0].item<long>();
        Assert.Equal(ProbabilityOf(net, Row(0, 0, X[2], X[3], X[4]), c), curves.Deletion[0, 1].item<double>(), 14);
        Assert.Equal(ProbabilityOf(net, Row(0, 0, 0, 0, X[4]), c), curves.Deletion[0, 2].item<double>(), 14);
        Assert.Equal(ProbabilityOf(net, Row(X[0], X[1], X[2], X[3], 0), c), curves.Insertion[0, 2].item<double>(), 14);
        Assert.Equal(ProbabilityOf(net, Row(0, 0, 0, 0, 0), c), curves.Deletion[0, 3].item<double>(), 14);
    }

    [Fact]
    public void A_per_pixel_attribution_moves_all_channels_of_a_pixel_together()
    {
        using var scope = NewDisposeScope();
        static Tensor Sum(Tensor x) { var s = x.flatten(1).sum(dim: 1); return stack([s, zeros_like(s)], 1); }
        var x = ones([1, 2, 2, 2], dtype: ScalarType.Float64);
        var attribution = tensor(new double[] { 4, 3, 2, 1 }, [1, 2, 2], dtype: ScalarType.Float64);
        using var curves = new PerturbationCurves(Sum).Compute(x, attribution, zeros_like(x), zeros(1, dtype: ScalarType.Float64));
        var expected = new double[] { 8, 6, 4, 2, 0 }.Select(m => 1 / (1 + Math.Exp(-m))).ToArray();
        var deletion = curves.Deletion.data<double>().ToArray();
        for (int k = 0; k < 5; k++) Assert.Equal(expected[k], deletion[k], 14);
        Assert.Throws<ArgumentException>(() => new PerturbationCurves(Sum).Compute(x, zeros(1, 2, 3, dtype: ScalarType.Float64), x, x));
    }

    [Fact]
    public void The_internal_batch_size_changes_nothing()
    {
        using var scope = NewDisposeScope();
        var mlp = new Mlp(20, [16, 8], 3, seed: 3);
        var generator = new Generator(11);
        var x = randn(37, 20, generator: generator);
        var a = randn(37, 20, generator: generator);
        using var tenth = 0.1.ToScalar();
        var mean = randn(20, generator: generator).mul(tenth);
        AssertSameForBatchSizes(mlp.forward, x, a, mean, mean, [1, 5, 4096]);

        using var cnn = new Cnn8by8(seed: 1);
        var images = rand(9, 1, 8, 8, generator: generator);
        var pixels = randn(9, 1, 8, 8, generator: generator);
        AssertSameForBatchSizes(cnn.forward, images, pixels, RiseBlur.Apply(images), zeros(1), [2, 4096]);
    }

    static void AssertSameForBatchSizes(Func<Tensor, Tensor> model, Tensor x, Tensor a, Tensor start, Tensor substrate, int[] sizes)
    {
        using var reference = new PerturbationCurves(model, batchSize: sizes[^1]).Compute(x, a, start, substrate);
        foreach (int size in sizes[..^1])
        {
            using var other = new PerturbationCurves(model, batchSize: size).Compute(x, a, start, substrate);
            Assert.Equal(reference.Target.data<long>().ToArray(), other.Target.data<long>().ToArray());
            Assert.Equal(reference.Insertion.data<double>().ToArray(), other.Insertion.data<double>().ToArray());
            Assert.Equal(reference.Deletion.data<double>().ToArray(), other.Deletion.data<double>().ToArray());
        }
    }

    static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (int i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray()))
                yield return [items[i], .. rest];
    }
}
