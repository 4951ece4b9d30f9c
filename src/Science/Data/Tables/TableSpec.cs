using System.Text.Json.Serialization;

namespace Agop.Science.Data.Tables;

/// <summary>What to do with a row that misses a feature value: drop it (counted, as Adult's are), or impute the training mean.</summary>
public static class MissingValues
{
    public const string Drop = "drop", ImputeMean = "impute_mean";
    public static readonly string[] Policies = [Drop, ImputeMean];

    /// <summary>The cells read as missing (case-insensitive, after trimming): an empty cell, ?, NA, N/A, NaN, null.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.Length == 0 || cell is "?"
        || cell.Equals("NA", StringComparison.OrdinalIgnoreCase) || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("NaN", StringComparison.OrdinalIgnoreCase) || cell.Equals("null", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A user's CSV table (config <c>data.tables.&lt;name&gt;</c>): the file, its binary target and how its columns are read. The path is not
/// part of a unit's key: the file's content hash is, so moving the file reruns nothing and editing it reruns what reads it.
/// </summary>
/// <param name="Positive">The target value that is class 1; empty: the target must hold exactly two values, the ordinally larger is 1.</param>
/// <param name="Categorical">Columns one-hot encoded; empty: every column with a non-numeric cell.</param>
public sealed record TableSpec(string Name, [property: JsonIgnore] string Path, string Target, string Positive,
    IReadOnlyList<string> Categorical, IReadOnlyList<string> Drop, string Missing)
{
    /// <summary>A class needs this many rows: a stratified split puts some of each in the test part and ROAR retrains on both.</summary>
    public const int MinRowsPerClass = 10;

    /// <summary>More levels than this in a categorical column is almost always an identifier.</summary>
    public const int MaxLevels = 1000;
}
