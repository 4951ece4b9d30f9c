namespace Agop.Statistics;

public static class SampleStatistics
{
    /// <summary>Sample standard deviation (n − 1 in the denominator); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyCollection<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
