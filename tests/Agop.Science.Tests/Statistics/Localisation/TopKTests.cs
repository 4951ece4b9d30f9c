using Agop.Statistics.Localisation;

namespace Agop.Tests.Statistics.Localisation;

public class LocalisationTopKTests
{
    [Fact]
    public void Picks_the_largest_magnitudes_in_rank_order()
    {
        // |a| = 0.1, 0.9, 0.3, 0.8, 0.2: the top three are indices 1 (0.9), 3 (0.8), 2 (0.3).
        Assert.Equal([1, 3, 2], TopK.ByMagnitude([0.1f, -0.9f, 0.3f, 0.8f, -0.2f], 3));
    }

    [Fact]
    public void A_constant_map_picks_the_first_k_indices()
    {
        var constant = Enumerable.Repeat(0.5f, 64).ToArray();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], TopK.ByMagnitude(constant, 8));
        Assert.Equal([0, 1, 2, 3], TopK.ByMagnitude(new float[16], 4));
    }

    [Fact]
    public void Ties_go_to_the_lower_index_also_across_signs_and_inside_blocks()
    {
        // A GradCAM-like 4×4 map of 2×2 blocks: block values 0.2 | 0.7 over -0.7 | 0.1.
        float[] map =
        [
            0.2f, 0.2f, 0.7f, 0.7f,
            0.2f, 0.2f, 0.7f, 0.7f,
            -0.7f, -0.7f, 0.1f, 0.1f,
            -0.7f, -0.7f, 0.1f, 0.1f,
        ];
        // |a| = 0.7 at 2, 3, 6, 7, 8, 9, 12, 13: the five largest are the five lowest of those indices.
        Assert.Equal([2, 3, 6, 7, 8], TopK.ByMagnitude(map, 5));
        Assert.Equal([2, 3, 6, 7, 8, 9, 12, 13, 0], TopK.ByMagnitude(map, 9));
    }

    [Fact]
    public void Agrees_with_a_full_sort_on_random_maps_with_many_ties()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var map = new float[37];
            for (int j = 0; j < map.Length; j++) map[j] = random.Next(-3, 4) * 0.25f; // 7 levels: plenty of ties
            int k = random.Next(0, map.Length + 1);
            var expected = Enumerable.Range(0, map.Length).OrderByDescending(j => Math.Abs(map[j])).ThenBy(j => j).Take(k);
            Assert.Equal(expected, TopK.ByMagnitude(map, k));
        }
    }

    [Fact]
    public void NaN_and_bad_k_throw()
    {
        Assert.Throws<ArgumentException>(() => TopK.ByMagnitude([0.1f, float.NaN, 0.2f], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.ByMagnitude([0.1f, 0.2f], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopK.ByMagnitude([0.1f, 0.2f], -1));
        Assert.Empty(TopK.ByMagnitude([0.1f, 0.2f], 0));
    }
}
