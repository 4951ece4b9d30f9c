namespace Agop.Science.Data;

/// <summary>Per-feature (x − mean) / std with statistics from the training rows only.</summary>
public sealed class Standardizer
{
    public Standardizer(double[] rows, int features, IReadOnlyList<int> trainRows)
    {
        Mean = new double[features];
        Std = new double[features];
        foreach (int i in trainRows)
            for (int j = 0; j < features; j++) Mean[j] += rows[i * features + j];
        for (int j = 0; j < features; j++) Mean[j] /= trainRows.Count;
        foreach (int i in trainRows)
            for (int j = 0; j < features; j++) { double dv = rows[i * features + j] - Mean[j]; Std[j] += dv * dv; }
        for (int j = 0; j < features; j++)
        {
            Std[j] = Math.Sqrt(Std[j] / trainRows.Count);
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
                output[r * features + j] = (float)((rows[select[r] * features + j] - Mean[j]) / Std[j]);
        return output;
    }
}
