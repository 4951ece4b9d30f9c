namespace Agop.Pipeline.Engine;

/// <summary>
/// How long units of each stage took in earlier runs, read from the manifests in the store: the median of the recorded
/// seconds per stage (at most <see cref="PerStage"/> manifests each, the newest folders first, so a large store reads fast).
/// </summary>
public static class StageHistory
{
    public const int PerStage = 64;

    /// <returns>The median seconds by stage, for the stages that have at least one readable manifest.</returns>
    public static IReadOnlyDictionary<string, double> Medians(ArtifactStore store, IEnumerable<string> stages)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stage in stages.Distinct(StringComparer.Ordinal))
        {
            var seconds = Seconds(store, stage);
            if (seconds.Count > 0) medians[stage] = Median(seconds);
        }
        return medians;
    }

    static List<double> Seconds(ArtifactStore store, string stage)
    {
        string folder = Path.Combine(store.Root, "store", stage.ToLowerInvariant());
        try
        {
            if (!Directory.Exists(folder)) return [];
            return new DirectoryInfo(folder).EnumerateDirectories()
                .OrderByDescending(d => d.LastWriteTimeUtc)
                .Take(PerStage)
                .Select(d => Manifest.TryRead(Path.Combine(d.FullName, Manifest.FileName)))
                .Where(m => m is not null && m.Stage == stage && double.IsFinite(m.Seconds) && m.Seconds >= 0)
                .Select(m => m!.Seconds)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return []; // only an estimate: a folder that cannot be listed has no history
        }
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToList();
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
