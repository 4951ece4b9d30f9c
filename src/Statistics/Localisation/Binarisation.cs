using System.Globalization;

namespace Agop.Statistics.Localisation;

public enum BinarisationKind
{
    /// <summary>The k = |G| pixels with the largest |a|, ties to the lower index.</summary>
    TopKGroundTruth,

    /// <summary>Every pixel with |a| ≥ τ·max|a| (none when max|a| = 0).</summary>
    FractionOfMax,
}

/// <summary>
/// How an attribution is turned into a pixel set B for IoU (SPEC §10.5, config key <c>miou.binarise</c>):
/// <c>topk_gt</c> (the default) or <c>frac_of_max:&lt;τ&gt;</c> with 0 &lt; τ ≤ 1.
/// </summary>
public sealed record Binarisation
{
    private Binarisation(BinarisationKind kind, double tau)
    {
        Kind = kind;
        Tau = tau;
    }

    public BinarisationKind Kind { get; }

    /// <summary>τ for <see cref="BinarisationKind.FractionOfMax"/>; 0 for <see cref="BinarisationKind.TopKGroundTruth"/>.</summary>
    public double Tau { get; }

    /// <summary>Top-k with k = |G|: threshold-free, the project's default.</summary>
    public static Binarisation TopKGroundTruth { get; } = new(BinarisationKind.TopKGroundTruth, 0);

    public static Binarisation Default => TopKGroundTruth;

    /// <summary>Pixels with |a| ≥ τ·max|a|; requires 0 &lt; τ ≤ 1.</summary>
    public static Binarisation FractionOfMax(double tau)
    {
        if (!(tau > 0 && tau <= 1))
            throw new ArgumentOutOfRangeException(nameof(tau), tau, "frac_of_max needs 0 < tau <= 1.");
        return new Binarisation(BinarisationKind.FractionOfMax, tau);
    }

    private const string TopKText = "topk_gt";
    private const string FractionPrefix = "frac_of_max:";

    /// <summary>Parses the config text <c>topk_gt</c> or <c>frac_of_max:&lt;τ&gt;</c> (invariant culture, e.g. <c>frac_of_max:0.5</c>).</summary>
    public static Binarisation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed == TopKText) return TopKGroundTruth;
        if (trimmed.StartsWith(FractionPrefix, StringComparison.Ordinal))
        {
            string number = trimmed[FractionPrefix.Length..];
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double tau) && tau > 0 && tau <= 1)
                return new Binarisation(BinarisationKind.FractionOfMax, tau);
            throw new ArgumentException(
                $"Bad binarisation '{text}': the fraction after '{FractionPrefix}' must be a number with 0 < tau <= 1 (e.g. 'frac_of_max:0.5').",
                nameof(text));
        }
        throw new ArgumentException(
            $"Unknown binarisation '{text}': expected '{TopKText}' or '{FractionPrefix}<tau>' with 0 < tau <= 1.", nameof(text));
    }

    /// <summary>The config text, so that <c>Parse(b.ToString()) == b</c>.</summary>
    public override string ToString() => Kind == BinarisationKind.TopKGroundTruth
        ? TopKText
        : FractionPrefix + Tau.ToString("R", CultureInfo.InvariantCulture);
}
