using Agop.Build.Reporting;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Report;
using Agop.Science.Attribution.Catalog;

namespace Agop.Build.Targets;

/// <summary>
/// The PDF report and its CSV/Markdown tables: one unit that reads every result. Its key covers the whole
/// config (the report prints it), the papers' reference files and, like every unit's, the code its body reaches; each
/// stage's code reaches it through that stage's units, so it is reused on a no-op run and rebuilt when anything it shows could change.
/// </summary>
[DependsOn(typeof(EvaluateTarget), typeof(RoarTarget), typeof(Images.EvaluateImageTarget), typeof(Images.TraceAgopImageTarget), typeof(Faith.FaithfulnessTarget))]
public sealed class ReportTarget(MethodCatalog catalog) : ExperimentTarget
{
    public const string UnitId = "report";
    public const string OutputFolder = "report";
    public const string ReferenceFile = "configs/reference/agop-ixg-paper.yaml";
    public const string ImageReferenceFile = "configs/reference/agop-as-explanation-paper.yaml";
    public const string FaithReferenceFile = "configs/reference/beyond-output-faithfulness-paper.yaml";

    public sealed record ConfigEntry(string Key, string Value, string Source);

    public sealed record Settings(
        string Title, string Name, string ConfigPath, string ConfigHash, string ConfigText, IReadOnlyList<ConfigEntry> Parameters,
        IReadOnlyList<string> Datasets, IReadOnlyList<string> Methods, IReadOnlyList<int> Seeds, int Classes, IReadOnlyList<int> FigureSamples,
        IReadOnlyList<string> RoarDatasets, IReadOnlyList<string> RoarMethods, IReadOnlyList<int> RoarSeeds, IReadOnlyList<double> RoarFractions,
        string RoarBudget, IReadOnlyList<MethodInfo> MethodInfo, string? ProposedMethod, string? ReferenceText,
        ImageReportSettings? Image, FaithReportSettings? Faith)
    {
        /// <summary>The robustness variants: each one's own settings and the unit each id the report reads resolves to.</summary>
        public IReadOnlyList<VariantSettings> Variants { get; init; } = [];
    }

    /// <param name="Changes">The keys the variant sets to another value than the base, as "key: value".</param>
    /// <param name="UnitIds">Base unit id → the id of the variant's unit (itself when the variant shares it).</param>
    public sealed record VariantSettings(string Name, IReadOnlyList<string> Changes, Settings Settings, IReadOnlyDictionary<string, string> UnitIds);

    /// <summary>The report reads every variant's results, for the robustness tables.</summary>
    public override bool ReadsVariants => true;

    /// <summary>
    /// The report reads every unit the plan holds for it (what its dependencies made), less the raw copies of the real data: each
    /// result reaches it through the unit that made it, by the id its family gives it.
    /// </summary>
    static bool Reads(WorkUnit unit) => unit.Stage != Target.NameOf(typeof(FetchDataTarget));

    /// <summary>A variant's results the report reads: those of every stage but the ones only the base's figures read (<see cref="BaseOnlyAttribute"/>).</summary>
    bool VariantReads(WorkUnit unit) => Reads(unit) && !_baseOnly.Contains(unit.Stage);

    readonly HashSet<string> _baseOnly = typeof(ReportTarget).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Target)) && t.IsDefined(typeof(BaseOnlyAttribute), inherit: false)).Select(Target.NameOf).ToHashSet(StringComparer.Ordinal);

    public override string Description => "PDF report with tables, figures and provenance";


    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        string? reference = FindReference(ReferenceFile);
        string? imageReference = FindReference(ImageReferenceFile);
        string? faithReference = FindReference(FaithReferenceFile);
        var settings = plan.Read(c => Read(c, plan.Config, reference, imageReference, faithReference) with
        {
            Variants = plan.Variants.Select(v => new VariantSettings(v.Name, v.Variant.Changes(plan.Config),
                PlanContext.Read(v.Variant.Config, vc => Read(vc, v.Variant.Config, reference, imageReference, faithReference)).Value,
                v.Units.Where(kv => VariantReads(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal))).ToList(),
        });
        var variantOwn = plan.Variants.SelectMany(v => v.Units.Where(kv => kv.Key != kv.Value.Id).Select(kv => kv.Value.Id)).ToHashSet(StringComparer.Ordinal);
        var inputs = plan.Units.Where(u => Reads(u) && (VariantReads(u) || !variantOwn.Contains(u.Id)))
            .Select(u => In(u.Stage.ToLowerInvariant(), u)).ToList();
        yield return Unit(plan, UnitId, settings, inputs, static (context, s) =>
            ReportWriter.Write(ReportInputs.Read(context, s), context.Output(OutputFolder)),
            preflight: () => CheckClevrXai(settings.Value.Image));
    }

    /// <summary>The report's settings under one config (the base, or a variant's).</summary>
    Settings Read(SettingsReader c, ExperimentConfig config, string? reference, string? imageReference, string? faithReference)
    {
        var cells = Images.ImageTarget.Cells(config).ToList();
        var subjects = Families.DataFamilies.Subjects(config).ToList();
        var parameters = config.Keys.Select(k => new ConfigEntry(k, ExperimentConfig.Canonical(c.Value(k)), config[k].Source)).ToList();
        long rows = c.Int("roar.max_rows");
        string budget = $"Training budget per (re)training: {c.Int("roar.train.epochs")} epochs, batch {c.Int("roar.train.batch_size")}, " +
                        $"Adam lr {c.Double("roar.train.lr")}" + (rows > 0 ? $"; data subsampled to {rows} rows (quick run, not the paper's protocol)." : ".");
        return new Settings(c.String("report.title"), c.String("name"), config.FilePath, config.Hash, config.FileText, parameters,
            c.Strings("synthetic.datasets"), c.Strings("methods.enabled"), c.Ints("seeds").Select(s => (int)s).ToList(), (int)c.Int("synthetic.classes"),
            c.Ints("report.figure_samples").Select(s => (int)s).ToList(),
            c.Strings("roar.datasets"), c.Strings("roar.methods"), c.Ints("roar.seeds").Select(s => (int)s).ToList(), c.Doubles("roar.fractions"),
            budget, [.. catalog.Methods.Select(m => new MethodInfo(m.Id, m.DisplayName, m.Summary)), .. FeiMethodInfo], catalog.Proposed?.Id,
            reference is null ? null : File.ReadAllText(reference),
            cells.Count == 0 ? null : ImageSettings(c, config.Keys.ToList(), cells, imageReference),
            subjects.Count == 0 ? null : FaithSettings(c, subjects) with { ReferenceText = faithReference is null ? null : File.ReadAllText(faithReference) });
    }

    /// <summary>A configured CLEVR-XAI copy must pass its count checks before any work starts.</summary>
    static void CheckClevrXai(ImageReportSettings? image)
    {
        if (image is { ClevrXaiPath: { Length: > 0 } path }) Agop.Science.Images.Data.ClevrXaiSource.Open(path);
    }

    /// <summary>Every [choice] of SPEC §10 that a Part 3 number depends on, as the report prints it.</summary>
    static ImageReportSettings ImageSettings(SettingsReader c, IReadOnlyList<string> keys, IReadOnlyList<Images.ImageTarget.Cell> cells, string? reference)
    {
        string Value(string key) => ExperimentConfig.Canonical(c.Value(key));
        var choices = new List<ReportChoice>
        {
            new("mIoU binarisation", Value("image.miou.binarise") + " (top-|G| by |a|, ties to the lower flat index)"),
            new("ground-truth mask", Value("image.miou.mask") == "own"
                ? "each sample's own 4-pixel tetromino for every scenario (image.miou.mask: own)"
                : "combined 8-pixel mask for linear, multiplicative, xor; the sample's own 4 pixels for translations_rotations (mIoU vs the own mask also kept)"),
            new("explained output", Value("image.attr_output") + " of the predicted class; metrics on correctly classified test images"),
            new("AGOP", $"diag(M) over the training set of the gradient of the explained output ({Value("image.attr_output")}, as AGOP-Local and AGOP-Weighted), " +
                        $"target {Value("image.agop.target")}, hook {Value("image.agop.hook")} every {Value("image.agop.track_every")} epochs"),
            new("EMD normaliser", "√128 (XT's code); the √98 of XT's comment printed beside it"),
            new("data", $"XAI-TRIS {Value("image.size")}×{Value("image.size")}, {Value("image.samples")} images (80/10/10), fp16 round trip {Value("image.fp16_roundtrip")}, " +
                        $"dataset shared across seeds {Value("image.share_dataset_across_seeds")}; statistically, not bit-, equal to XT's numpy draws"),
            new("training", $"{Value("image.train.epochs")} epochs, batch {Value("image.train.batch_size")}, Adam {Value("image.train.lr")}, patience {Value("image.train.patience")}, " +
                            $"double softmax {Value("image.train.double_softmax")}"),
            new("paper comparison", "H1–H3 are compared on the white background (XAI-TRIS's primary setting)"),
        };
        var methods = c.Strings("image.methods.enabled");
        foreach (var key in keys.Where(k => k.StartsWith("image.methods.", StringComparison.Ordinal) && k != "image.methods.enabled"))
            if (methods.Contains(key.Split('.')[2])) choices.Add(new(key["image.methods.".Length..], Value(key)));
        return new ImageReportSettings(cells, c.Strings("image.scenarios"), c.Strings("image.backgrounds"), methods,
            c.Ints("image.seeds").Select(s => (int)s).ToList(), choices, reference is null ? null : File.ReadAllText(reference),
            ClevrXaiPath(c.String("image.clevr_xai.path")));
    }

    /// <summary>The FEI variants as the report names them (they are Part 4 optimisers, not catalog methods).</summary>
    static readonly MethodInfo[] FeiMethodInfo =
    [
        new("fei", "FEI (reconstruction)", "FEI reconstructed from the abstract: soft quantile masks optimised on insertion and deletion, one-sided gradient clipping at over-active units"),
        new("fei_ext", "FEI-ext", "FEI without gradient clipping (external faithfulness only)"),
        new("fei_ins", "FEI-ins", "FEI with the insertion term only"),
        new("fei_del", "FEI-del", "FEI with the deletion term only"),
    ];

    /// <summary>Every [choice] of SPEC §11 that a Part 4 number depends on.</summary>
    static FaithReportSettings FaithSettings(SettingsReader c, IReadOnlyList<Families.ModelSubject> subjects)
    {
        string Value(string key) => ExperimentConfig.Canonical(c.Value(key));
        bool fei = c.Bool("fei.enabled");
        var methods = subjects.SelectMany(s => s.Methods).Distinct().Concat(fei ? c.Strings("fei.variants") : []).ToList();
        var choices = new List<ReportChoice>
        {
            new("samples", $"the first {Value("faith.max_samples")} correctly classified test samples per model (FEI: the first {Value("fei.samples")})"),
            new("ranking", $"{Value("faith.rank_by")} attribution, descending, ties to the lower index; {Value("faith.step")} feature(s) per step"),
            new("substrates", "images: deletion to 0, insertion from the RISE blur (11×11, σ = 5, zero padding); tabular: the training mean for both"),
            new("score", "softmax probability of the top class on the unperturbed input"),
            new("internal metrics", $"ReLU layers, insertion fractions {Value("faith.fractions")}"),
        };
        if (fei)
            choices.Add(new("FEI (reconstruction from the abstract)", $"{Value("fei.quantiles")} quantile levels, T = {Value("fei.temperature")}, Adam {Value("fei.lr")} × {Value("fei.steps")} steps, " +
                $"θ₀ ~ N(0, {Value("fei.init_std")}²), {Value("fei.restarts")} restart(s); FEI clips one-sided, FEI-ext does not clip"));
        return new FaithReportSettings(subjects, methods, choices);
    }

    /// <summary>The configured CLEVR-XAI folder, else <c>$AGOP_CLEVR_XAI</c>, else none.</summary>
    static string ClevrXaiPath(string configured) =>
        configured.Length > 0 ? configured : Environment.GetEnvironmentVariable("AGOP_CLEVR_XAI") ?? "";

    /// <summary>The paper's numbers: from the working folder, else from the repository that holds this build.</summary>
    static string? FindReference(string file)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, file))) return Path.Combine(dir.FullName, file);
        return null;
    }
}
