namespace Agop.Statistics;

public static class Ranking
{
    /// <summary>1-based ranks in ascending order; tied values share their average rank.</summary>
    public static double[] AverageRanks(ReadOnlySpan<float> values)
    {
        var widened = new double[values.Length];
        for (int i = 0; i < widened.Length; i++) widened[i] = values[i];
        return AverageRanks(widened);
    }

    public static double[] AverageRanks(double[] values)
    {
        var copy = values;
        var order = Enumerable.Range(0, copy.Length).OrderBy(i => copy[i]).ToArray();
        var ranks = new double[copy.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && copy[order[end + 1]] == copy[order[start]]) end++;
            double average = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = average;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>Indices of the k largest values; ties broken by the lower index.</summary>
    public static int[] TopK(ReadOnlySpan<float> values, int k)
    {
        var copy = values.ToArray();
        return Enumerable.Range(0, copy.Length).OrderByDescending(i => copy[i]).ThenBy(i => i).Take(k).ToArray();
    }
}
