using System.Text.Json;
using System.Text.RegularExpressions;

namespace Agop.Pipeline.Display;

/// <summary>
/// Seconds per unit measured on a recorded run, shipped with the repository (build/unit-costs.json, written by
/// tools/unit-costs.py from a store): by cost class (the unit id with its seed and variant taken out, so seed 7 of a
/// Train unit costs what seed 0 did) and by stage as the fallback. The time-left estimate scales them by how fast this
/// machine runs the units it has finished (<see cref="EtaEstimator"/>), so the model need not come from this machine.
/// </summary>
public sealed partial class UnitCostModel(IReadOnlyDictionary<string, double> byClass, IReadOnlyDictionary<string, double> byStage, string source = "")
{
    public const string FileName = "unit-costs.json";

    public IReadOnlyDictionary<string, double> ByClass { get; } = byClass;
    public IReadOnlyDictionary<string, double> ByStage { get; } = byStage;
    /// <summary>Where the costs were measured (machine, commit, config), as the file says.</summary>
    public string Source { get; } = source;

    [GeneratedRegex(@"seed\d+")]
    private static partial Regex SeedPattern();

    /// <summary>The cost class of a unit id: "roar/adult/seed42/lime/t0.1@lime-fresh" → "roar/adult/seed*/lime/t0.1".</summary>
    public static string ClassOf(string unitId)
    {
        int at = unitId.IndexOf('@');
        return SeedPattern().Replace(at < 0 ? unitId : unitId[..at], "seed*");
    }

    /// <summary>The recorded seconds of a unit like this one (its class, else its stage's mean), or null when neither was recorded.</summary>
    public double? CostOf(string unitId, string stage) =>
        ByClass.TryGetValue(ClassOf(unitId), out double c) ? c : ByStage.TryGetValue(stage, out double s) ? s : null;

    sealed record FileFormat(string Source, Dictionary<string, double> Classes, Dictionary<string, double> Stages);

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static UnitCostModel Parse(string json)
    {
        var file = JsonSerializer.Deserialize<FileFormat>(json, Json) ?? throw new InvalidDataException("empty unit cost file");
        return new UnitCostModel(file.Classes ?? [], file.Stages ?? [], file.Source ?? "");
    }

    /// <summary>The model shipped beside the host (<see cref="FileName"/> in its folder), or null when absent or unreadable: the estimate then falls back to the run's own timings.</summary>
    public static UnitCostModel? LoadShipped(string folder)
    {
        string path = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(path) ? Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return null; // only an estimate
        }
    }
}
