namespace Agop.Report.Claims.Kinds;

/// <summary>What Part 3's claim kinds share: the background and metric a claim reads, its track, and the words for what did not run.</summary>
static class ImageClaimInputs
{
    public static string Background(PaperClaim claim) => claim.Background.Length > 0 ? claim.Background : Part3Claims.DefaultBackground;
    public static string Metric(PaperClaim claim) => claim.Metric.Length > 0 ? claim.Metric : "miou";

    public static string Missing(ImageTrack track, string scenario, string background, IReadOnlyList<string> methods, MethodNames names)
    {
        if (!track.Scenarios.Contains(scenario) || !track.Backgrounds.Contains(background)) return $"{scenario}/{background} was not in this run";
        var absent = methods.Where(m => double.IsNaN(Part3Tables.Mean(track, scenario, background, m))).Select(names.Display).ToList();
        return absent.Count == 0 ? $"{string.Join(" and ", methods.Select(names.Display))} on {scenario}/{background} have no such score"
            : $"{string.Join(" and ", absent)} on {scenario}/{background} {(absent.Count == 1 ? "was" : "were")} not in this run";
    }

    /// <summary>Per-image differences <paramref name="method"/> − <paramref name="other"/> on one scenario, matched by (seed, index); seeds pooled.</summary>
    public static IReadOnlyList<double> PairedDifferences(ImageTrack track, string scenario, string background, string method, string other, string metric)
    {
        var theirs = track.Samples.Where(s => s.Scenario == scenario && s.Background == background && s.Method == other)
            .ToDictionary(s => (s.Seed, s.Index), s => s.Metric(metric));
        return track.Samples.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method)
            .Where(s => theirs.ContainsKey((s.Seed, s.Index)))
            .Select(s => s.Metric(metric) - theirs[(s.Seed, s.Index)]).Where(d => !double.IsNaN(d)).ToList();
    }

    /// <summary>Per-image values of one method on one scenario, seeds pooled.</summary>
    public static IReadOnlyList<double> Values(ImageTrack track, string scenario, string background, string method, string metric) =>
        track.Samples.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method)
            .Select(s => s.Metric(metric)).Where(v => !double.IsNaN(v)).ToList();

    /// <summary>Seed → mean score of one method (the seed's evaluation unit).</summary>
    public static IReadOnlyDictionary<int, double> BySeed(ImageTrack track, string scenario, string background, string method, string metric) =>
        track.Scores.Where(s => s.Scenario == scenario && s.Background == background && s.Method == method)
            .ToDictionary(s => s.Seed, s => Part3Tables.Metric(s, metric));
}
