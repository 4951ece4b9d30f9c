namespace Agop.Report.Claims;

/// <summary>
/// The scale a claim was decided at against the paper's: for each part the claim reads, the reference file's <c>scale:</c>
/// facts ("ROAR epochs 10 of 200") with our value read from the config as run.
/// </summary>
public sealed class ClaimScale(ReportData data)
{
    static readonly Dictionary<ClaimTrack, int> PartOf = new() { [ClaimTrack.Part1] = 1, [ClaimTrack.Part2] = 2, [ClaimTrack.Part3] = 3, [ClaimTrack.Part4] = 4 };

    public string Describe(IReadOnlyList<ClaimTrack> tracks, PaperReference? reference)
    {
        if (reference is null) return "";
        var parts = tracks.Select(t => PartOf[t]).ToHashSet();
        var facts = reference.Scale.Where(s => parts.Contains(s.Part)).Select(s => $"{s.Name} {Ours(s.Key)} (paper {s.Paper})").ToList();
        return string.Join("; ", facts);
    }

    /// <summary>Our value of a config key as run: a list counts its items.</summary>
    public string Ours(string key)
    {
        var entry = data.Parameters.FirstOrDefault(p => p.Key == key);
        if (entry.Key is null) return "n/a";
        string value = entry.Value.Trim();
        if (value.StartsWith('[') && value.EndsWith(']'))
            return value.Length == 2 ? "0" : value[1..^1].Split(',').Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return value;
    }
}
