namespace Agop.Science.Images.Data;

/// <summary>The fixed numbers of the XAI-TRIS benchmark (SPEC §10.2): scenarios, backgrounds, α tables and the per-size geometry.</summary>
public static class XaiTrisCatalog
{
    public const string Linear = "linear";
    public const string Multiplicative = "multiplicative";
    public const string Rigid = "translations_rotations";
    public const string Xor = "xor";

    public static readonly IReadOnlyList<string> Scenarios = [Linear, Multiplicative, Rigid, Xor];
    public static readonly IReadOnlyList<string> Backgrounds = ["white", "correlated"];
    public static readonly IReadOnlyList<int> ImageSizes = [8, 64];

    /// <summary>XT's α (signal-to-noise) for a cell: <c>data_config_8by8.json</c> for size 8, <c>data_config.json</c> for size 64.</summary>
    public static double DefaultAlpha(string scenario, string background, int size = 8)
    {
        bool white = background switch
        {
            "white" => true,
            "correlated" => false,
            _ => throw new ArgumentException($"unknown XAI-TRIS background '{background}'; known: {string.Join(", ", Backgrounds)}", nameof(background)),
        };
        var (whiteAlpha, correlatedAlpha) = (scenario, size) switch
        {
            (Linear, 8) => (0.18, 0.0125),
            (Multiplicative, 8) => (0.7, 0.1),
            (Rigid, 8) => (0.65, 0.2),
            (Xor, 8) => (0.35, 0.15),
            (Linear, 64) => (0.03, 0.02),
            (Multiplicative, 64) => (0.65, 0.05),
            (Rigid, 64) => (0.575, 0.375),
            (Xor, 64) => (0.075, 0.03),
            _ when !Scenarios.Contains(scenario) =>
                throw new ArgumentException($"unknown XAI-TRIS scenario '{scenario}'; known: {string.Join(", ", Scenarios)}", nameof(scenario)),
            _ => throw new ArgumentException($"XAI-TRIS image size {size} is not offered; known: {string.Join(", ", ImageSizes)}", nameof(size)),
        };
        return white ? whiteAlpha : correlatedAlpha;
    }

    /// <summary>Whether the scenario is evaluated against the combined mask G_comb (fixed positions) rather than each sample's own mask.</summary>
    public static bool UsesCombinedMask(string scenario) => scenario != Rigid;

    public static int DefaultSamples(int size) => size == 64 ? 40_000 : 10_000;

    /// <summary>Kronecker up-scaling of the tetrominoes: none at 8×8; ×8 at 64×64 (×4 for RIGID, so that rotated shapes can move).</summary>
    public static int PatternScale(string scenario, int size) => size == 64 ? (scenario == Rigid ? 4 : 8) : 1;

    /// <summary>Top-left (row, col) of T (class 0) and L (class 1) in the fixed-position scenarios.</summary>
    public static ((int Row, int Col) T, (int Row, int Col) L) Positions(int size) => size == 64 ? ((8, 8), (32, 40)) : ((1, 1), (4, 5));

    /// <summary>σ of the gaussian smoothing applied to each pattern image (0 = none).</summary>
    public static double PatternSigma(int size) => size == 64 ? 1.5 : 0.0;

    /// <summary>σ of the gaussian smoothing of the <c>correlated</c> background.</summary>
    public static double BackgroundSigma(int size) => size == 64 ? 10.0 : 3.0;

    /// <summary>Whether a pattern value counts as ground truth: |P| &gt; 0 at 8×8; |P| ≥ 0.05 at 64×64, where the patterns are smoothed.</summary>
    public static bool IsSignal(double patternValue, int size) => size == 64 ? Math.Abs(patternValue) >= 0.05 : patternValue != 0.0;

    /// <summary>Train/val/test fractions: XT's test_split 0.2 (8×8) or 0.1 (64×64), the held-out part halved into val and test.</summary>
    public static (double Train, double Val, double Test) SplitFractions(int size) => size == 64 ? (0.9, 0.05, 0.05) : (0.8, 0.1, 0.1);
}
