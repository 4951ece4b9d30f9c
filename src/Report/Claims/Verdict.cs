namespace Agop.Report.Claims;

/// <summary>
/// How a claim reads against a set of numbers (SPEC §14). A comparison whose paper direction lies within noise is a
/// <see cref="Tie"/>; a one-sided effect that the test cannot tell from its null is <see cref="NotDetected"/>.
/// </summary>
public enum Verdict
{
    /// <summary>The paper's direction, beyond the stated uncertainty.</summary>
    Holds,
    /// <summary>The paper's direction is within noise: the interval covers "no difference" (the paper's own "near-tie").</summary>
    Tie,
    /// <summary>A one-sided effect the test cannot tell from its null (no evidence either way).</summary>
    NotDetected,
    /// <summary>The opposite of the paper's direction, beyond the stated uncertainty.</summary>
    Contradicted,
    /// <summary>The numbers the claim reads were not in this run (or the paper does not report them).</summary>
    NotRun,
}

public static class VerdictText
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Tie => "tie",
        Verdict.NotDetected => "not detected",
        Verdict.Contradicted => "contradicted",
        _ => "not run",
    };

    /// <summary>The verdict of a claim made of parts that must all hold: any contradicted part contradicts it, any part within noise makes it a tie.</summary>
    public static Verdict All(IEnumerable<Verdict> parts)
    {
        var list = parts.Where(v => v != Verdict.NotRun).ToList();
        if (list.Count == 0) return Verdict.NotRun;
        if (list.Contains(Verdict.Contradicted)) return Verdict.Contradicted;
        if (list.All(v => v == Verdict.Holds)) return Verdict.Holds;
        return list.Contains(Verdict.Tie) ? Verdict.Tie : Verdict.NotDetected;
    }

    /// <summary>The verdict of an existence claim ("on at least one …"): one part that holds is enough.</summary>
    public static Verdict Any(IEnumerable<Verdict> parts)
    {
        var list = parts.Where(v => v != Verdict.NotRun).ToList();
        if (list.Count == 0) return Verdict.NotRun;
        if (list.Contains(Verdict.Holds)) return Verdict.Holds;
        if (list.All(v => v == Verdict.Contradicted)) return Verdict.Contradicted;
        return list.Contains(Verdict.Tie) ? Verdict.Tie : Verdict.NotDetected;
    }
}
