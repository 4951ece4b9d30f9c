namespace Agop.Science.Data;

/// <summary>
/// Per-feature (x − mean) / std with statistics from the training rows only. A missing value (NaN, a user table under
/// <c>missing: impute_mean</c>) is left out of the statistics and becomes the training mean, 0 once standardised.
/// </summary>
public sealed class Standardizer
{
    public Standardizer(double[] rows, int features, IReadOnlyList<int> trainRows)
    {
        Mean = new double[features];
        Std = new double[features];
        var count = new int[features];
        foreach (int i in trainRows)
            for (int j = 0; j < features; j++)
            {
                double v = rows[i * features + j];
                if (double.IsNaN(v)) continue;
                Mean[j] += v;
                count[j]++;
            }
        for (int j = 0; j < features; j++) Mean[j] = count[j] == 0 ? 0 : Mean[j] / count[j];
        foreach (int i in trainRows)
            for (int j = 0; j < features; j++)
            {
                double v = rows[i * features + j];
                if (double.IsNaN(v)) continue;
                double dv = v - Mean[j];
                Std[j] += dv * dv;
            }
        for (int j = 0; j < features; j++)
        {
            Std[j] = count[j] == 0 ? 0 : Math.Sqrt(Std[j] / count[j]);
            if (Std[j] < 1e-12) Std[j] = 1; // a constant column stays constant (0) rather than dividing by zero
        }
    }

    public double[] Mean { get; }
    public double[] Std { get; }

    public float[] Transform(double[] rows, int features, IReadOnlyList<int> select)
    {
        var output = new float[select.Count * features];
        for (int r = 0; r < select.Count; r++)
            for (int j = 0; j < features; j++)
            {
                double v = rows[select[r] * features + j];
                output[r * features + j] = double.IsNaN(v) ? 0f : (float)((v - Mean[j]) / Std[j]);
            }
        return output;
    }
}
