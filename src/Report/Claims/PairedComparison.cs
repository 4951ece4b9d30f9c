namespace Agop.Report.Claims;

/// <summary>Where a paired test puts the first method against the second.</summary>
public enum PairedDirection { Below, NoDetectableDifference, Above }

/// <summary>
/// A "below" or "beats" claim decided by a paired test rather than by a strict inequality of means: the two-sided sign test
/// of the per-sample differences (first − second), α = <see cref="Alpha"/>. A direction counts only when significant.
/// </summary>
public sealed record PairedComparison(SignTestResult Test)
{
    public const double Alpha = 0.05;

    public static PairedComparison Of(IEnumerable<double> differences) => new(SignTest.Test(differences));

    public PairedDirection Direction => Test.N == 0 || Test.PValue >= Alpha ? PairedDirection.NoDetectableDifference
        : Test.Below > Test.Above ? PairedDirection.Below : PairedDirection.Above;

    public string DirectionText => Direction switch
    {
        PairedDirection.Below => "below",
        PairedDirection.Above => "above",
        _ => "no detectable difference",
    };

    /// <summary>"lower in 312 of 590 non-zero pairs (278 higher, 14 equal), sign test p = 0.17".</summary>
    public string Evidence => Test.N + Test.Zero == 0 ? "no paired samples"
        : $"lower in {Test.Below} of {Test.N} non-zero pairs ({Test.Above} higher, {Test.Zero} equal), sign test {Part4Claims.P(Test.PValue)}";
}
