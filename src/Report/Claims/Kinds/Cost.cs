namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: time(method) &lt; time(over) (a read is cheaper than a gradient pass) and, with two <c>others</c>,
/// time(others[0]) ≤ <c>within</c> × time(others[1]). Seconds per 1,000 images, mean over the scenarios that ran.
/// </summary>
public sealed class Cost : ClaimKind
{
    public override string Name => "cost";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    const string Timing = "wall-clock means over seeds and scenarios (timings: no interval)";

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the abstract states it qualitatively");
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim);
        var names = context.Names;
        double Time(string method)
        {
            var values = track.Scenarios.Select(s => Part3Tables.Mean(track, s, background, method, "time_s")).Where(v => !double.IsNaN(v)).ToList();
            return values.Count == 0 ? double.NaN : values.Average();
        }
        double read = Time(claim.Method), pass = Time(claim.Over);
        if (double.IsNaN(read) || double.IsNaN(pass)) return ClaimOutcome.NotRun($"no {background} times for {names.Display(claim.Method)} and {names.Display(claim.Over)}");
        bool cheaper = read < pass;
        string text = $"{names.Display(claim.Method)} {Part3Tables.Seconds(read)} s {(cheaper ? "<" : "≥")} {names.Display(claim.Over)} {Part3Tables.Seconds(pass)} s";
        if (claim.Others.Count < 2) return new ClaimOutcome(cheaper ? Verdict.Holds : Verdict.Contradicted, text + " per 1,000 images", read / pass, Timing);
        double one = Time(claim.Others[0]), gradient = Time(claim.Others[1]);
        if (double.IsNaN(one) || double.IsNaN(gradient)) return ClaimOutcome.NotRun($"no {background} times for {names.Display(claim.Others[0])} and {names.Display(claim.Others[1])}");
        double factor = one / gradient;
        return new ClaimOutcome(cheaper && factor <= claim.Within ? Verdict.Holds : Verdict.Contradicted, $"{text}; {names.Display(claim.Others[0])} {Part3Tables.Seconds(one)} s = {factor:0.00}× {names.Display(claim.Others[1])} {Part3Tables.Seconds(gradient)} s " +
                                $"(one gradient pass if ≤ {claim.Within:0.#}×); per 1,000 images, mean over scenarios", factor, Timing);
    }
}
