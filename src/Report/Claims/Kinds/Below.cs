namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 3: <c>method</c> below <c>over</c> on <c>dataset</c>, one-sided. With <c>against: chance</c> the comparison is the analytic
/// chance level E[IoU] of a random top-k map for the metric's mask size (from the evaluation units' mask setting): the per-image
/// mean's 95 % interval below it holds, above it contradicts, across it is not detected. Against a method, the per-image paired
/// differences (matched by seed and index) are read the same way.
/// </summary>
public sealed class Below : ClaimKind
{
    public override string Name => "below";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part3];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.FromPaper) return ClaimOutcome.NotReported("the abstract states it without numbers");
        if (context.Images is not { } track) return ClaimOutcome.NotRun("Part 3 was not in this run");
        string background = ImageClaimInputs.Background(claim), metric = ImageClaimInputs.Metric(claim);
        var names = context.Names;
        double mean = Part3Tables.Mean(track, claim.Dataset, background, claim.Method, metric);
        if (claim.Against == "chance")
        {
            if (double.IsNaN(mean)) return ClaimOutcome.NotRun(ImageClaimInputs.Missing(track, claim.Dataset, background, [claim.Method], names));
            int k = Part3Tables.MaskSize(track, claim.Dataset, metric);
            if (!track.ChanceIoU.TryGetValue(k, out double chance)) return ClaimOutcome.NotRun($"no chance level for k = {k}");
            var values = ImageClaimInputs.Values(track, claim.Dataset, background, claim.Method, metric);
            var interval = Interval.OfSampleMean(values.Select(v => v - chance).ToList());
            var verdict = interval.Against(0, above: false, Verdict.NotDetected);
            return new ClaimOutcome(verdict, $"{names.Display(claim.Method)} {mean:0.0000} against the chance level E[IoU] = {chance:0.0000} (k = {k}) on " +
                                             $"{claim.Dataset}/{background}: difference {interval.Text("+0.0000;-0.0000;0.0000")}", mean - chance,
                $"{interval.Method}, one-sided against the analytic chance level (k = {k} of 64 pixels)");
        }
        double other = Part3Tables.Mean(track, claim.Dataset, background, claim.Over, metric);
        if (double.IsNaN(mean) || double.IsNaN(other)) return ClaimOutcome.NotRun(ImageClaimInputs.Missing(track, claim.Dataset, background, [claim.Method, claim.Over], names));
        var differences = ImageClaimInputs.PairedDifferences(track, claim.Dataset, background, claim.Method, claim.Over, metric);
        if (differences.Count == 0) return ClaimOutcome.NotRun("no paired images");
        var paired = Interval.OfSampleMean(differences);
        return new ClaimOutcome(paired.Against(0, above: false, Verdict.NotDetected),
            $"{names.Display(claim.Method)} {mean:0.0000} vs {names.Display(claim.Over)} {other:0.0000} on {claim.Dataset}/{background}: paired difference " +
            paired.Text("+0.0000;-0.0000;0.0000"), mean - other, $"{paired.Method}, one-sided");
    }
}
