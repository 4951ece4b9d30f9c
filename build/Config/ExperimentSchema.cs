using Agop.Pipeline.Config;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Data.Real;
using static Agop.Pipeline.Config.ConfigType;

namespace Agop.Build.Config;

/// <summary>Every key an experiment config may set, with its default and valid range (SPEC §4–§7).</summary>
public static class ExperimentSchema
{
    public static readonly IReadOnlyList<string> Datasets = Agop.Science.Data.Synthetic.SyntheticSpec.Kinds;

    /// <summary>
    /// Tabular methods a config may name but no default runs: the chance baseline (random), which ROAR compares the
    /// rankings with where a config lists it; Part 1's and ROAR's defaults stay the paper's methods.
    /// </summary>
    public static readonly IReadOnlyList<string> NotInTabularDefaults = [RandomAttribution.Descriptor.Id];

    public static ConfigSchema Create(MethodCatalog catalog)
    {
        var methods = catalog.For(Modalities.Tabular).Select(m => m.Id).ToList();
        var defaults = methods.Where(m => !NotInTabularDefaults.Contains(m)).ToList();
        return new ConfigSchema([.. CoreKeys(methods, defaults), .. catalog.Methods.SelectMany(m => MethodKeys(m, Modalities.Tabular)),
            .. ImageSchema.Keys(catalog), .. catalog.Methods.SelectMany(m => MethodKeys(m, Modalities.Image)), .. FaithSchema.Keys()]);
    }

    /// <summary>A method's options as config keys: <c>methods.&lt;id&gt;.&lt;option&gt;</c> or <c>image.methods.&lt;id&gt;.&lt;option&gt;</c>.</summary>
    static IEnumerable<ConfigKey> MethodKeys(MethodDescriptor method, Modalities modality) => method.OptionsFor(modality).Select(o =>
    {
        var value = o.DefaultFor(modality);
        return new ConfigKey(method.OptionKey(o.Name, modality), value switch
        {
            long => Int,
            double => ConfigType.Double,
            bool => Bool,
            string => ConfigType.String,
            _ => throw new ArgumentException($"method {method.Id}: option {o.Name} has a default of unsupported type {value.GetType().Name}"),
        }, value, o.Description, Min: o.Min, Max: o.Max, Allowed: o.Allowed);
    });

    /// <param name="methods">The tabular methods a config may name.</param>
    /// <param name="defaults">Those that <c>methods.enabled</c> and <c>roar.methods</c> run by default.</param>
    static IReadOnlyList<ConfigKey> CoreKeys(IReadOnlyList<string> methods, IReadOnlyList<string> defaults) =>
    [
        new("name", ConfigType.String, "default", "config name shown in the report"),
        new("seeds", IntList, new long[] { 0, 1, 2, 42 }, "each seed makes its own data, model and attributions", Min: 0, Max: int.MaxValue, MinCount: 1, Unique: true),

        new("synthetic.datasets", StringList, Datasets.ToArray(), "synthetic generators to run", Allowed: Datasets, MinCount: 1, Unique: true),
        new("synthetic.samples", Int, 5000L, "samples per synthetic dataset", Min: 50, Max: 10_000_000),
        new("synthetic.features", Int, 20L, "features d", Min: 2, Max: 100_000),
        new("synthetic.classes", Int, 3L, "classes K", Min: 2, Max: 1000),
        new("synthetic.informative", Int, 5L, "size of the informative set S", Min: 1, Max: 100_000),
        new("synthetic.test_fraction", ConfigType.Double, 0.2, "stratified test share", Min: 0.05, Max: 0.5),
        new("synthetic.noise.linear", ConfigType.Double, 0.19, "score-noise σ of the linear generator", Min: 0, Max: 100),
        new("synthetic.noise.sparse", ConfigType.Double, 0.15, "score-noise σ of the sparse nonlinear generator", Min: 0, Max: 100),
        new("synthetic.noise.interaction", ConfigType.Double, 0.25, "score-noise σ of the interaction generator", Min: 0, Max: 100),
        new("synthetic.fd_step", ConfigType.Double, 1e-4, "central finite-difference step for nonlinear ground truth", Min: 1e-8, Max: 0.1),

        new("train.epochs", Int, 200L, "training epochs", Min: 1, Max: 100_000),
        new("train.batch_size", Int, 256L, "mini-batch size", Min: 1, Max: 1_000_000),
        new("train.lr", ConfigType.Double, 1e-3, "Adam learning rate", Min: 1e-7, Max: 1),
        new("train.hidden", IntList, new long[] { 256, 256, 128, 64 }, "hidden layer widths", Min: 1, Max: 65536, MinCount: 1),

        new("agop.tau", ConfigType.Double, 0.01, "keep eigenvectors with λ > τ·λ_max", Min: 0, Max: 1),

        new("methods.enabled", StringList, defaults.ToArray(), "attribution methods to compute", Allowed: methods, MinCount: 1, Unique: true),

        new("data.dir", ConfigType.String, "", "folder holding the real data files (empty: $AGOP_DATA_DIR, else the download cache)"),
        new("data.download", Bool, true, "download missing real data from UCI into the cache (checksummed)"),

        Families.Tables.UserTables.ConfigKey(),

        new("roar.datasets", StringList, RealDatasets.Names.ToArray(), "real data sets for ROAR: adult, credit or a table of data.tables (empty list: skip Part 2)", Unique: true),
        new("roar.seeds", IntList, new long[] { 0, 1, 2, 42 }, "ROAR seeds: each makes its own split, model, rankings and retrainings", Min: 0, Max: int.MaxValue, MinCount: 1, Unique: true),
        new("roar.methods", StringList, defaults.ToArray(), "methods whose rankings ROAR evaluates (random: a random ranking, the chance floor)", Allowed: methods, MinCount: 1, Unique: true),
        new("roar.fractions", DoubleList, new[] { 0.05, 0.1, 0.2, 0.3, 0.5 }, "fractions of features removed (t = 0 is always the unmodified model)", Min: 0.001, Max: 0.5, MinCount: 1, Unique: true),
        new("roar.test_fraction", ConfigType.Double, 0.2, "stratified test share", Min: 0.05, Max: 0.5),
        new("roar.max_rows", Int, 0L, "0 keeps every row; otherwise a stratified subsample (quick runs only)", Min: 0, Max: 100_000_000),
        new("roar.lime_samples", Int, 500L, "training samples LIME attributes for the global ranking", Min: 1, Max: 10_000_000),
        new("roar.train.epochs", Int, 10L, "epochs of every ROAR (re)training", Min: 1, Max: 100_000),
        new("roar.train.batch_size", Int, 256L, "ROAR mini-batch size", Min: 1, Max: 1_000_000),
        new("roar.train.lr", ConfigType.Double, 1e-3, "ROAR Adam learning rate", Min: 1e-7, Max: 1),

        new("report.figure_samples", IntList, new long[] { 0, 1, 2 }, "test indices shown in Figure 1", Min: 0, Max: int.MaxValue, MinCount: 1, Unique: true),
        new("report.title", ConfigType.String, "AGOP-IxG reproduction", "report title"),
    ];

    /// <summary>Checks that need more than one key.</summary>
    public static void CheckConsistency(ExperimentConfig config)
    {
        CheckOne(config);
        foreach (var variant in config.Variants)
        {
            try
            {
                CheckOne(variant.Config);
            }
            catch (ConfigException e)
            {
                throw new ConfigException(e.File, e.Line, e.Key, $"in robustness variant '{variant.Name}': {e.Problem}");
            }
        }
    }

    static void CheckOne(ExperimentConfig config)
    {
        if (config.Int("synthetic.informative") > config.Int("synthetic.features"))
            throw Error(config, "synthetic.informative", $"must not exceed synthetic.features ({config.Int("synthetic.features")})");
        long testCount = (long)Math.Round(config.Int("synthetic.samples") * config.Double("synthetic.test_fraction"));
        foreach (var index in config.Ints("report.figure_samples"))
            if (index >= testCount)
                throw Error(config, "report.figure_samples", $"test index {index} is outside the test set ({testCount} samples)");
        foreach (var (key, problem) in ImageSchema.Problems(config))
            throw Error(config, key, problem);
        foreach (var (key, problem) in Families.Tables.UserTables.Problems(config))
            throw Error(config, key, problem);
    }

    static ConfigException Error(ExperimentConfig config, string key, string problem)
    {
        string known = key;
        while (!config.Keys.Contains(known) && known.Contains('.')) known = known[..known.LastIndexOf('.')]; // data.tables.bank.path → data.tables
        var source = config[known].Source;
        int colon = source.LastIndexOf(':');
        return colon > 0 && int.TryParse(source[(colon + 1)..], out int line)
            ? new ConfigException(source[..colon], line, key, problem)
            : new ConfigException(source == "default" ? config.FilePath : source, 0, key, problem);
    }
}
