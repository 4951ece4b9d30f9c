namespace Agop.Report.Claims.Kinds;

/// <summary>
/// Part 1's models (Table 2): <c>metric</c> (accuracy, confidence, confidence_correct, confidence_wrong, train_accuracy) is at
/// least <c>at_least</c> × (1 − <c>tolerance</c>) on every one of <c>datasets</c>: the seed mean's 95 % t-interval above the
/// threshold holds, below it contradicts, across it is a tie.
/// </summary>
public sealed class ModelAtLeast : ClaimKind
{
    public override string Name => "model_at_least";
    public override IReadOnlyList<ClaimTrack> Reads(PaperClaim claim) => [ClaimTrack.Part1];

    public override ClaimOutcome Decide(PaperClaim claim, ClaimContext context)
    {
        if (context.Tabular is not { } results) return ClaimOutcome.NotRun("Part 1 was not in this run");
        double threshold = claim.AtLeast * (1 - claim.Tolerance);
        var rows = claim.Datasets.Select(d => (Dataset: d, Value: Interval.OfMean(results.Model(d, claim.Metric).Values))).Where(r => r.Value.N > 0).ToList();
        if (rows.Count == 0)
            return context.FromPaper ? ClaimOutcome.NotReported($"{claim.Metric} on {string.Join(", ", claim.Datasets)}") : ClaimOutcome.NotRun($"{claim.Metric} of the Part 1 models");
        var verdicts = rows.Select(r => r.Value.Against(threshold, above: true)).ToList();
        string reading = $"threshold {threshold:0.000}" + (claim.Tolerance > 0 ? $" = {claim.AtLeast:0.###} × (1 − {claim.Tolerance:0.##%})" : "") +
                         (claim.ToleranceReason.Length > 0 ? $" ({claim.ToleranceReason})" : "");
        int n = rows.Max(r => r.Value.N);
        return new ClaimOutcome(VerdictText.All(verdicts),
            $"{claim.Metric}: {string.Join("; ", rows.Select((r, i) => $"{r.Dataset} {r.Value.Text("0.000")} {VerdictText.Of(verdicts[i])}"))}; {reading}",
            rows.Min(r => r.Value.Mean),
            n >= 2 ? $"seed mean, 95 % t-interval over {n} seeds" : context.FromPaper ? "the paper's own numbers (no interval)" : "one seed (no interval)");
    }
}
