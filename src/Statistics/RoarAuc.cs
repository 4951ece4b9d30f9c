namespace Agop.Statistics;

/// <summary>Area under accuracy vs fraction removed by the trapezoidal rule over [0, upTo] (lower = more faithful ranking).</summary>
public static class RoarAuc
{
    public static double Trapezoid(IEnumerable<(double Fraction, double Accuracy)> points, double upTo = 0.5)
    {
        var sorted = points.Where(p => p.Fraction <= upTo + 1e-12).OrderBy(p => p.Fraction).ToList();
        if (sorted.Count < 2) throw new ArgumentException("ROAR AUC needs at least two points (t = 0 and one fraction)");
        if (sorted[0].Fraction > 1e-12) throw new ArgumentException("ROAR AUC needs the t = 0 (unmodified model) point");
        double area = 0;
        for (int i = 1; i < sorted.Count; i++)
            area += (sorted[i].Fraction - sorted[i - 1].Fraction) * (sorted[i].Accuracy + sorted[i - 1].Accuracy) / 2;
        return area;
    }
}
