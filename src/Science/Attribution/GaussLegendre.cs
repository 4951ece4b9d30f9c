namespace Agop.Science.Attribution;

/// <summary>
/// The n-point Gauss–Legendre rule on [0, 1], as Captum's default IG approximation uses it: nodes t_i of P_n on [−1, 1]
/// by Newton's method from cos(π(i − 0.25)/(n + 0.5)), mapped to α_i = (t_i + 1)/2 with weights ω_i = w_i/2, ascending in α.
/// </summary>
public static class GaussLegendre
{
    public static (double[] Alphas, double[] Weights) Rule(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "needs at least one node");
        var alphas = new double[n];
        var weights = new double[n];
        for (int i = 1; i <= n; i++)
        {
            double t = Math.Cos(Math.PI * (i - 0.25) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double p, derivative) = Legendre(n, t);
                double step = p / derivative;
                t -= step;
                if (Math.Abs(step) < 1e-14) break;
            }
            (_, derivative) = Legendre(n, t);
            // the guesses run from the largest node down: store ascending
            alphas[n - i] = (t + 1) / 2;
            weights[n - i] = 1.0 / ((1 - t * t) * derivative * derivative);
        }
        return (alphas, weights);
    }

    /// <summary>P_n(t) and P_n'(t) by the three-term recurrence.</summary>
    static (double Value, double Derivative) Legendre(int n, double t)
    {
        double previous = 1, current = t;
        if (n == 0) return (1, 0);
        for (int k = 2; k <= n; k++)
        {
            double next = ((2 * k - 1) * t * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        return (current, n * (t * current - previous) / (t * t - 1));
    }
}
