namespace Agop.Report.Claims;

/// <summary>What one claim kind decides from our numbers: the evidence in words, its headline number, the verdict and a p-value.</summary>
/// <param name="Holds">true = reproduced (supported), false = not, null = not run or no verdict.</param>
public sealed record ClaimOutcome(string Ours, double Value, bool? Holds, double PValue = double.NaN)
{
    public static ClaimOutcome NotRun(string what) => new($"not run: {what}", double.NaN, null);
}

/// <summary>The numbers a claim may read: Part 1/2 (<see cref="Data"/>), Part 3 (<see cref="Images"/>) and Part 4 (<see cref="Faith"/>).</summary>
public sealed record ClaimContext(MethodNames Names, ReportData? Data = null, ImageTrack? Images = null, FaithTrack? Faith = null)
{
    public static ClaimContext Of(ReportData data) => new(data.Names, data, data.Images, data.Faithfulness);
}

/// <summary>One kind of claim (the <c>kind</c> field of a reference file): a rule that decides a claim of that kind from our numbers.</summary>
public abstract class ClaimKind
{
    public abstract string Name { get; }
    public abstract ClaimOutcome Decide(PaperClaim claim, ClaimContext context);
}
