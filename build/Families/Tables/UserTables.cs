using System.Collections.Concurrent;
using System.Security.Cryptography;
using Agop.Pipeline.Config;
using Agop.Science.Data.Real;
using Agop.Science.Data.Tables;
using static Agop.Pipeline.Config.ConfigType;

namespace Agop.Build.Families.Tables;

/// <summary>
/// The user's own tables (config <c>data.tables</c>): the real-data family's other members beside the shipped Adult and Credit. A table
/// named in <c>roar.datasets</c> runs through every stage that runs on them.
/// </summary>
public static class UserTables
{
    public const string Key = "data.tables";

    /// <summary>The file a fetched table is copied to inside its FetchData unit.</summary>
    public const string FetchedFile = "table.csv";

    public static ConfigKey ConfigKey() => Pipeline.Config.ConfigKey.Named(Key,
        "your own CSV tables by name (docs/configs.md, \"Your own data\"); a name in roar.datasets runs ROAR, Part 4 and the report on it",
    [
        new("path", ConfigType.String, "", "the CSV file, relative to the config file", Required: true),
        new("target", ConfigType.String, "", "the column to predict (binary, or see positive)", Required: true),
        new("positive", ConfigType.String, "", "the target value that is class 1 (empty: the target's two values, the larger is 1)"),
        new("categorical", StringList, Array.Empty<string>(), "columns to one-hot encode (empty: every non-numeric column)", Unique: true),
        new("drop", StringList, Array.Empty<string>(), "columns to leave out (identifiers, leaks)", Unique: true),
        new("missing", ConfigType.String, MissingValues.Drop, "a row with a missing value: drop it (counted in the report), or impute_mean (the training mean)",
            Allowed: MissingValues.Policies),
    ]);

    /// <summary>The table's spec, or null when <paramref name="dataset"/> is a shipped data set.</summary>
    public static TableSpec? Find(ExperimentConfig config, string dataset) =>
        config.Blocks(Key).Find(dataset) is { } block ? Spec(config, block) : null;

    /// <summary>The spec a unit's settings carry: the block read through <paramref name="c"/> (its path left out of the key).</summary>
    public static TableSpec? Read(SettingsReader c, ExperimentConfig config, string dataset) =>
        config.Blocks(Key).Find(dataset) is null ? null : Spec(config, c.Block(Key, dataset, "path"));

    static TableSpec Spec(ExperimentConfig config, ConfigBlock block) => new(block.Name, ResolvePath(config, block.String("path")),
        block.String("target"), block.String("positive"), block.Strings("categorical"), block.Strings("drop"), block.String("missing"));

    /// <summary>A table's path is relative to the config file's folder.</summary>
    static string ResolvePath(ExperimentConfig config, string path) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(config.FilePath)) ?? ".", path));

    /// <summary>Problems that need no more than the config and the file system, each as (key, problem): found before planning.</summary>
    public static IEnumerable<(string Key, string Problem)> Problems(ExperimentConfig config)
    {
        foreach (var block in config.Blocks(Key).Blocks)
        {
            if (RealDatasets.Names.Contains(block.Name))
                yield return ($"{Key}.{block.Name}", $"'{block.Name}' is a shipped data set; give your table another name");
            string path = ResolvePath(config, block.String("path"));
            if (Directory.Exists(path)) yield return ($"{Key}.{block.Name}.path", $"{path} is a folder; expected a CSV file");
            else if (!File.Exists(path)) yield return ($"{Key}.{block.Name}.path", $"{path}: file not found (a path is relative to the config file)");
            var overlap = block.Strings("drop").Intersect(block.Strings("categorical").Append(block.String("target"))).ToList();
            if (overlap.Count > 0)
                yield return ($"{Key}.{block.Name}.drop", $"'{overlap[0]}' is dropped and also named as {(overlap[0] == block.String("target") ? "the target" : "categorical")}");
        }
        var known = RealDatasets.Names.Concat(config.Blocks(Key).Names).ToList();
        foreach (var name in config.Strings("roar.datasets"))
            if (!known.Contains(name))
                yield return ("roar.datasets", $"'{name}' is neither a shipped data set ({string.Join(", ", RealDatasets.Names)}) nor a table under {Key}");
    }

    /// <summary>The file's SHA-256, once per (file, size, time written) in a process: a variant plans the same table again.</summary>
    public static string ContentHash(string path)
    {
        var info = new FileInfo(path);
        return Hashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), _ =>
        {
            try
            {
                using var stream = File.OpenRead(path);
                return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataFileException(path, $"cannot be read: {e.Message}");
            }
        });
    }

    /// <summary>Reads and checks the table (every check of <see cref="CsvTableReader"/>), once per (content, spec) in a process.</summary>
    public static void Check(TableSpec spec)
    {
        string hash = ContentHash(spec.Path);
        Checked.GetOrAdd((hash, spec.Path, Describe(spec)), _ =>
        {
            CsvTableReader.Read(spec.Path, spec);
            return true;
        });
    }

    static string Describe(TableSpec s) =>
        string.Join("|", s.Target, s.Positive, string.Join(",", s.Categorical), string.Join(",", s.Drop), s.Missing);

    static readonly ConcurrentDictionary<(string, long, DateTime), string> Hashes = new();
    static readonly ConcurrentDictionary<(string, string, string), bool> Checked = new();
}
