using Agop.Pipeline.Config;
using static Agop.Pipeline.Config.ConfigType;

namespace Agop.Build.Config;

/// <summary>The <c>faith:</c> and <c>fei:</c> blocks (Part 4, SPEC §11): faithfulness metrics for every method, and FEI.</summary>
public static class FaithSchema
{
    public static readonly string[] RankBy = ["signed", "abs"];
    public static readonly string[] Clips = ["one_sided", "zero", "none"];
    /// <summary>The FEI variants of SPEC §11.4, as method ids.</summary>
    public static readonly string[] Variants = ["fei", "fei_ext", "fei_ins", "fei_del"];

    public static IEnumerable<ConfigKey> Keys() =>
    [
        new("faith.enabled", Bool, true, "run Part 4 (insertion/deletion, activation deviation, FEI) on every model the pipeline trains"),
        new("faith.rank_by", ConfigType.String, "signed", "order features by the signed attribution (RISE, Quantus) or by |a|", Allowed: RankBy),
        new("faith.max_samples", Int, 1000L, "correctly classified test samples scored per model (the first ones, in index order)", Min: 1, Max: 10_000_000),
        new("faith.step", Int, 1L, "features (pixels) moved per insertion/deletion step", Min: 1, Max: 1_000_000),
        new("faith.fractions", DoubleList, new[] { 0.1, 0.2, 0.3, 0.4, 0.5 }, "insertion fractions t at which activation deviation and preservation are taken", Min: 0.001, Max: 1, MinCount: 1, Unique: true),
        new("fei.enabled", Bool, true, "run FEI (a reconstruction from the abstract, SPEC §11.4)"),
        new("fei.variants", StringList, Variants, "FEI (one-sided clipping), FEI-ext (no clipping), FEI-ins, FEI-del", Allowed: Variants, MinCount: 1, Unique: true),
        new("fei.samples", Int, 256L, "correctly classified test samples FEI explains per model (the first ones)", Min: 1, Max: 10_000_000),
        new("fei.steps", Int, 300L, "Adam steps", Min: 1, Max: 100_000),
        new("fei.lr", ConfigType.Double, 0.05, "Adam learning rate on θ", Min: 1e-6, Max: 10),
        new("fei.temperature", ConfigType.Double, 0.05, "soft top-q mask temperature T", Min: 1e-4, Max: 10),
        new("fei.quantiles", Int, 19L, "quantile levels q = 0.05 … 0.95 (the ensemble)", Min: 1, Max: 99),
        new("fei.init_std", ConfigType.Double, 0.1, "θ₀ ~ N(0, σ²)", Min: 0, Max: 10),
        new("fei.restarts", Int, 1L, "restarts averaged", Min: 1, Max: 100),
        new("fei.batch", Int, 256L, "samples optimised together (memory only; results do not change)", Min: 1, Max: 1_000_000),
    ];
}
