using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class EarthMoverDistanceTests
{
    private static double[] PointMass(int pixels, params (int Pixel, double Mass)[] points)
    {
        var mass = new double[pixels];
        foreach (var (pixel, m) in points) mass[pixel] += m;
        return mass;
    }

    [Fact]
    public void Identical_distributions_cost_zero()
    {
        var random = new Random(3);
        var p = new double[64];
        for (int j = 0; j < 64; j++) p[j] = random.NextDouble();
        double sum = p.Sum();
        for (int j = 0; j < 64; j++) p[j] /= sum;
        Assert.Equal(0, EarthMoverDistance.Solve(p, p, 8, 8), 12);
        var g = PointMass(64, LocalisationMetricsTests.CombinedMask.Select(j => (j, 1.0 / 8)).ToArray());
        Assert.Equal(0, EarthMoverDistance.Solve(g, g, 8, 8), 12);
    }

    [Fact]
    public void A_unit_mass_moved_by_one_pixel_costs_one_and_diagonally_root_two()
    {
        // (3,3) → (3,4) and (3,3) → (4,3): distance 1; (3,3) → (4,4): √2; (0,0) → (7,7): √98.
        Assert.Equal(1.0, EarthMoverDistance.Solve(PointMass(64, (27, 1)), PointMass(64, (28, 1)), 8, 8), 12);
        Assert.Equal(1.0, EarthMoverDistance.Solve(PointMass(64, (27, 1)), PointMass(64, (35, 1)), 8, 8), 12);
        Assert.Equal(Math.Sqrt(2), EarthMoverDistance.Solve(PointMass(64, (27, 1)), PointMass(64, (36, 1)), 8, 8), 12);
        Assert.Equal(Math.Sqrt(98), EarthMoverDistance.Solve(PointMass(64, (0, 1)), PointMass(64, (63, 1)), 8, 8), 12);
        // A whole 2×2 block shifted right by one pixel (4 sources, 4 sinks): every unit moves 1.
        var block = PointMass(16, (0, 0.25), (1, 0.25), (4, 0.25), (5, 0.25));
        var shifted = PointMass(16, (1, 0.25), (2, 0.25), (5, 0.25), (6, 0.25));
        Assert.Equal(1.0, EarthMoverDistance.Solve(block, shifted, 4, 4), 12);
    }

    [Fact]
    public void The_optimum_is_not_the_greedy_plan()
    {
        // Row 0 of a 2×6 grid: sources at columns 2 and 5, sinks at 0 and 3, half a unit each.
        // Costs: 2→0 = 2, 2→3 = 1, 5→0 = 5, 5→3 = 2.
        // Greedy (cheapest pair first): 2→3 then 5→0: 0.5·1 + 0.5·5 = 3.
        // Optimum: 2→0 and 5→3: 0.5·2 + 0.5·2 = 2 (the only other vertex of this 2×2 problem).
        var supply = PointMass(12, (2, 0.5), (5, 0.5));
        var demand = PointMass(12, (0, 0.5), (3, 0.5));
        Assert.Equal(2.0, EarthMoverDistance.Solve(supply, demand, 2, 6), 12);
        Assert.Equal(2.0, EarthMoverDistance.Solve(demand, supply, 2, 6), 12);
    }

    [Fact]
    public void Uneven_masses_worked_example()
    {
        // 1×4 grid: supply 0.75 at 0 and 0.25 at 3, demand 0.25 at 0, 0.25 at 1, 0.5 at 2.
        // On a line the optimum is the monotone plan (quantile coupling): cost = ∫|F_s − F_d|
        // = |0.75 − 0.25|·1 + |0.75 − 0.5|·1 + |0.75 − 1|·1 = 0.5 + 0.25 + 0.25 = 1.
        var supply = PointMass(4, (0, 0.75), (3, 0.25));
        var demand = PointMass(4, (0, 0.25), (1, 0.25), (2, 0.5));
        Assert.Equal(1.0, EarthMoverDistance.Solve(supply, demand, 1, 4), 12);
    }

    [Fact]
    public void Agrees_with_vertex_enumeration_on_small_random_problems()
    {
        // 3×3 grids with 2–3 sources and 2–3 sinks (pixels may coincide): the optimum of a transportation problem is
        // attained at a basic feasible solution, i.e. a spanning tree of m + n − 1 cells whose flows (fixed by leaf
        // elimination) are non-negative. Enumerating every such cell subset gives the exact optimum independently.
        var random = new Random(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int m = random.Next(2, 4), n = random.Next(2, 4);
            int[] sources = Distinct(random, m, 9), sinks = Distinct(random, n, 9);
            double[] a = Masses(random, m), b = Masses(random, n);
            var supply = PointMass(9, sources.Zip(a).ToArray());
            var demand = PointMass(9, sinks.Zip(b).ToArray());
            double expected = EnumerateVertices(sources, a, sinks, b, 3);
            Assert.Equal(expected, EarthMoverDistance.Solve(supply, demand, 3, 3), 9);
            Assert.Equal(expected, EarthMoverDistance.Solve(demand, supply, 3, 3), 9);
        }
    }

    [Fact]
    public void Agrees_with_the_closed_form_on_a_line_including_degenerate_masses()
    {
        // On a 1×n grid the optimal cost is Σ over unit gaps of |F_supply − F_demand| (cumulative masses). Masses in
        // sixteenths make many partial sums coincide, i.e. degenerate (zero-step) pivots.
        var random = new Random(13);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(2, 25);
            double[] supply = Sixteenths(random, n), demand = Sixteenths(random, n);
            double expected = 0, cumulative = 0;
            for (int j = 0; j + 1 < n; j++)
            {
                cumulative += supply[j] - demand[j];
                expected += Math.Abs(cumulative);
            }
            Assert.Equal(expected, EarthMoverDistance.Solve(supply, demand, 1, n), 9);
        }
    }

    private static double[] Sixteenths(Random random, int n)
    {
        var mass = new double[n];
        for (int unit = 0; unit < 16; unit++) mass[random.Next(n)] += 1.0 / 16;
        return mass;
    }

    [Fact]
    public void Eight_sources_against_a_dense_map_match_the_reversed_problem_and_the_triangle_inequality()
    {
        // EMD is a metric on distributions: symmetric, and EMD(p, r) ≤ EMD(p, q) + EMD(q, r).
        var random = new Random(5);
        var g = PointMass(64, LocalisationMetricsTests.CombinedMask.Select(j => (j, 1.0 / 8)).ToArray());
        for (int trial = 0; trial < 50; trial++)
        {
            double[] q = Dense(random), r = Dense(random);
            double gq = EarthMoverDistance.Solve(g, q, 8, 8);
            Assert.Equal(gq, EarthMoverDistance.Solve(q, g, 8, 8), 9);
            Assert.True(EarthMoverDistance.Solve(g, r, 8, 8) <= gq + EarthMoverDistance.Solve(q, r, 8, 8) + 1e-9);
            Assert.Equal(gq, EarthMoverDistance.Solve(g, q, 8, 8)); // deterministic
        }
    }

    [Fact]
    public void Mass_checks()
    {
        var one = PointMass(4, (0, 1));
        Assert.Equal(1.0, EarthMoverDistance.Solve(PointMass(4, (0, 1 + 5e-10)), PointMass(4, (1, 1)), 2, 2), 9);
        Assert.Throws<ArgumentException>(() => EarthMoverDistance.Solve(PointMass(4, (0, 0.5)), one, 2, 2));
        Assert.Throws<ArgumentException>(() => EarthMoverDistance.Solve(PointMass(4, (0, 1.5), (1, -0.5)), one, 2, 2));
        Assert.Throws<ArgumentException>(() => EarthMoverDistance.Solve(PointMass(4, (0, double.NaN)), one, 2, 2));
        Assert.Throws<ArgumentException>(() => EarthMoverDistance.Solve(one, one, 1, 3));
    }

    [Fact]
    public void Scores_use_the_root_128_and_root_98_normalisers()
    {
        // G = pixel (0,0), a = pixel (7,7): EMD = √98, so Score98 = 0 and Score128 = 1 − √98/√128.
        var corner = LocalisationMetricsTests.Mask(64, 0);
        var far = new float[64];
        far[63] = -2f;
        var (score128, score98, distance) = LocalisationMetrics.Emd(far, corner, 8, 8);
        Assert.Equal(Math.Sqrt(98), distance, 12);
        Assert.Equal(0, score98, 12);
        Assert.Equal(1 - Math.Sqrt(98) / Math.Sqrt(128), score128, 12);

        // A one-pixel shift of G_comb's mass: EMD = 1, Score128 = 1 − 1/√128, Score98 = 1 − 1/√98.
        var mask = LocalisationMetricsTests.Mask(64, LocalisationMetricsTests.CombinedMask);
        var shifted = new float[64];
        foreach (int j in LocalisationMetricsTests.CombinedMask) shifted[j + 8] = 0.5f; // one row down; all stay on the grid
        var shift = LocalisationMetrics.Emd(shifted, mask, 8, 8);
        Assert.Equal(1.0, shift.Distance, 12);
        Assert.Equal(1 - 1 / Math.Sqrt(128), shift.Score128, 12);
        Assert.Equal(1 - 1 / Math.Sqrt(98), shift.Score98, 12);
    }

    [Fact]
    public void An_all_zero_attribution_is_compared_as_uniform()
    {
        // G = pixel (0,0) on 4×4 and Â uniform: EMD = mean distance from (0,0) to the 16 pixel centres.
        var mask = LocalisationMetricsTests.Mask(16, 0);
        double expected = 0;
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++)
                expected += Math.Sqrt(r * r + c * c) / 16;
        Assert.Equal(expected, LocalisationMetrics.Emd(new float[16], mask, 4, 4).Distance, 12);
    }

    private static int[] Distinct(Random random, int count, int range) =>
        Enumerable.Range(0, range).OrderBy(_ => random.Next()).Take(count).ToArray();

    private static double[] Masses(Random random, int count)
    {
        var masses = Enumerable.Range(0, count).Select(_ => 0.05 + random.NextDouble()).ToArray();
        double sum = masses.Sum();
        return masses.Select(m => m / sum).ToArray();
    }

    private static double[] Dense(Random random)
    {
        var mass = new double[64];
        for (int j = 0; j < 64; j++) mass[j] = Math.Abs(random.NextDouble() * 2 - 1);
        double sum = mass.Sum();
        for (int j = 0; j < 64; j++) mass[j] /= sum;
        return mass;
    }

    /// <summary>Minimum cost over all basic feasible solutions (spanning trees of m + n − 1 cells).</summary>
    private static double EnumerateVertices(int[] sources, double[] a, int[] sinks, double[] b, int width)
    {
        int m = sources.Length, n = sinks.Length, cells = m * n;
        double best = double.PositiveInfinity;
        for (int subset = 0; subset < 1 << cells; subset++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)subset) != m + n - 1) continue;
            var rowLeft = (double[])a.Clone();
            var colLeft = (double[])b.Clone();
            var active = Enumerable.Range(0, cells).Where(cell => (subset >> cell & 1) == 1).ToList();
            double cost = 0;
            bool feasible = true;
            while (active.Count > 0 && feasible)
            {
                // A leaf: a row or column with exactly one active cell carries its whole remaining mass on it.
                int leafCell = -1;
                bool leafIsRow = false;
                foreach (int cell in active)
                {
                    if (active.Count(other => other / n == cell / n) == 1) { leafCell = cell; leafIsRow = true; break; }
                    if (active.Count(other => other % n == cell % n) == 1) { leafCell = cell; break; }
                }
                if (leafCell < 0) { feasible = false; break; } // a cycle: not a tree
                int r = leafCell / n, c = leafCell % n;
                double flow = leafIsRow ? rowLeft[r] : colLeft[c];
                if (flow < -1e-12) feasible = false;
                rowLeft[r] -= flow;
                colLeft[c] -= flow;
                cost += flow * Distance(sources[r], sinks[c], width);
                active.Remove(leafCell);
            }
            if (!feasible || rowLeft.Any(x => Math.Abs(x) > 1e-9) || colLeft.Any(x => Math.Abs(x) > 1e-9)) continue;
            best = Math.Min(best, cost);
        }
        return best;
    }

    private static double Distance(int p, int q, int width)
    {
        int dr = p / width - q / width, dc = p % width - q % width;
        return Math.Sqrt(dr * dr + dc * dc);
    }
}
