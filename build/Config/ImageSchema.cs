using Agop.Pipeline.Config;
using Agop.Science.Attribution.Catalog;
using Agop.Science.Images.Data;
using static Agop.Pipeline.Config.ConfigType;

namespace Agop.Build.Config;

/// <summary>The <c>image:</c> block (Part 3, SPEC §10): XAI-TRIS data, CNN8by8 training, the AGOP hook, methods and metrics.</summary>
public static class ImageSchema
{
    public static readonly IReadOnlyList<string> AttributionOutputs = Agop.Science.Attribution.ExplainedOutputs.Names;
    public static readonly string[] AgopTargets = ["predicted", "true", "all_outputs"];
    public static readonly string[] HookModes = ["checkpoint", "online"];
    public static readonly string[] MiouMasks = ["combined", "own"];

    public static IEnumerable<ConfigKey> Keys(MethodCatalog catalog)
    {
        var methods = catalog.For(Modalities.Image).Select(m => m.Id).ToArray();
        var scenarios = XaiTrisCatalog.Scenarios;
        var backgrounds = XaiTrisCatalog.Backgrounds;
        IEnumerable<ConfigKey> keys =
        [
            new("image.enabled", Bool, true, "run Part 3 (the image track of AGOP as Explanation)"),
            new("image.scenarios", StringList, scenarios.ToArray(), "XAI-TRIS scenarios", Allowed: scenarios, MinCount: 1, Unique: true),
            new("image.backgrounds", StringList, backgrounds.ToArray(), "backgrounds: white (i.i.d.) or correlated (Gaussian σ = 3)", Allowed: backgrounds, MinCount: 1, Unique: true),
            new("image.seeds", IntList, new long[] { 0, 1, 2, 3, 4 }, "each seed makes its own dataset (unless shared) and its own model", Min: 0, Max: int.MaxValue, MinCount: 1, Unique: true),
            new("image.samples", Int, 10_000L, "images per dataset (split 80/10/10, stratified)", Min: 40, Max: 10_000_000),
            new("image.size", Int, 8L, "image side: 8 (CNN8by8) or 64 (the optional XT 64×64 data)", Min: 8, Max: 64),
            new("image.fp16_roundtrip", Bool, true, "round the data to IEEE half and back, as XT stores it"),
            new("image.share_dataset_across_seeds", Bool, false, "XT's layout: one dataset (the first seed's) for every model seed"),
            new("image.train.epochs", Int, 500L, "CNN training epochs", Min: 1, Max: 100_000),
            new("image.train.batch_size", Int, 512L, "mini-batch size", Min: 1, Max: 1_000_000),
            new("image.train.lr", ConfigType.Double, 5e-4, "Adam learning rate", Min: 1e-7, Max: 1),
            new("image.train.patience", Int, 400L, "stop after this many epochs above the best validation loss", Min: 1, Max: 100_000),
            new("image.train.double_softmax", Bool, true, "cross-entropy on the softmax output, as XT trains (softmax applied twice)"),
            new("image.agop.target", ConfigType.String, "predicted",
                "output whose input gradient enters the AGOP; read by FitAgopImage and TraceAgopImage (from the kept and tracked weights), so it retrains nothing, except under image.agop.hook: online, where training accumulates it",
                Allowed: AgopTargets),
            new("image.agop.hook", ConfigType.String, "checkpoint", "training-time hook: checkpoint (the tracked epochs' weights are kept and TraceAgopImage computes their exact diag(M)) or online (g² accumulated per batch during training)", Allowed: HookModes),
            new("image.agop.track_every", Int, 10L, "epochs between tracked checkpoints, whose diag(M) traces H7", Min: 1, Max: 100_000),
            new("image.attr_output", ConfigType.String, "logit", "output explained: the logit z_c or the softmax probability; diag(M) is of the same output, so every AGOP method uses one definition (training reads it only under image.agop.hook: online)", Allowed: AttributionOutputs),
            new("image.miou.binarise", ConfigType.String, "topk_gt", "mIoU binarisation: topk_gt (k = |G|) or frac_of_max:<τ>"),
            new("image.miou.mask", ConfigType.String, "combined", "mask the headline scores use where the scenario has G_comb (linear, multiplicative, xor): combined (G_comb, P000's) or own (each sample's tetromino); RIGID always uses its own; miou_own is the own-mask IoU either way", Allowed: MiouMasks),
            new("image.methods.enabled", StringList, methods, "image attribution methods", Allowed: methods, MinCount: 1, Unique: true),
            new("image.clevr_xai.path", ConfigType.String, "", "a local CLEVR-XAI copy to check and score (empty: $AGOP_CLEVR_XAI, else none)"),
        ];
        foreach (var size in XaiTrisCatalog.ImageSizes)
            foreach (var scenario in scenarios)
                foreach (var background in backgrounds)
                    keys = keys.Append(new ConfigKey(AlphaKey(size, scenario, background), ConfigType.Double, XaiTrisCatalog.DefaultAlpha(scenario, background, size),
                        $"signal-to-noise α of {scenario} on {background} ({size}×{size}), in (0, 1]", Min: 0, Max: 1));
        return keys;
    }

    public static string AlphaKey(int size, string scenario, string background) =>
        size == 8 ? $"image.alpha.{scenario}.{background}" : $"image.alpha{size}.{scenario}.{background}";

    /// <summary>Checks of the image block that need more than one key or more than a range.</summary>
    public static IEnumerable<(string Key, string Problem)> Problems(ExperimentConfig config)
    {
        long size = config.Int("image.size");
        if (!XaiTrisCatalog.ImageSizes.Contains((int)size))
            yield return ("image.size", $"must be one of {string.Join(", ", XaiTrisCatalog.ImageSizes)}, not {size}");
        foreach (var s in XaiTrisCatalog.ImageSizes)
            foreach (var scenario in XaiTrisCatalog.Scenarios)
                foreach (var background in XaiTrisCatalog.Backgrounds)
                {
                    string key = AlphaKey(s, scenario, background);
                    if (config.Double(key) <= 0) yield return (key, "α must be in (0, 1]");
                }
        if (config.Int("image.samples") % 4 != 0) yield return ("image.samples", "must be a multiple of 4 (XOR's four sign blocks)");
        string binarise = config.String("image.miou.binarise");
        string? problem = null;
        try { Agop.Statistics.Localisation.Binarisation.Parse(binarise); }
        catch (ArgumentException e) { problem = e.Message; }
        if (problem is not null) yield return ("image.miou.binarise", problem);
        // A layer-taking method (GradCAM) names a layer of the image model: checked here, not when its units run.
        if (config.Bool("image.enabled"))
            foreach (var method in config.Strings("image.methods.enabled"))
            {
                string key = $"image.methods.{method}.layer";
                if (config.Keys.Contains(key) && !Agop.Science.Images.Models.Cnn8by8.Layers.Contains(config.String(key)))
                    yield return (key, $"CNN8by8 has no layer '{config.String(key)}'; its layers are {string.Join(", ", Agop.Science.Images.Models.Cnn8by8.Layers)}");
            }
    }
}
