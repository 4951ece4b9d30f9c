using System.Text.Json;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Formats;
using Agop.Pipeline.Targets;
using Agop.Report;
using Agop.Science.Attribution;
using Agop.Science.Data.Synthetic;
using Agop.Science.Metrics;

namespace Agop.Build.Targets;

/// <summary>The PDF report and its CSV/Markdown tables: one unit that reads every result.</summary>
[DependsOn(typeof(RoarTarget))]
public sealed class ReportTarget(RunLedger ledger) : ExperimentTarget
{
    public const string UnitId = "report";
    public const string OutputFolder = "report";

    public override string Description => "PDF report with tables, figures and provenance";
    protected override int LogicVersion => 6;

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        var inputs = plan.Units.Where(u => u.Stage is "Train" or "FitAgop" or "Attribute" or "Evaluate" or "Generate" or "Roar").ToList();
        var keys = new[] { "report.title", "report.figure_samples", "name" };
        string? referencePath = FindReference();
        string referenceHash = referencePath is null ? "none" : ArtifactStore.HashFile(referencePath);
        yield return Unit(UnitId, Slice(config, keys, ("config_hash", config.Hash), ("reference_sha256", referenceHash)), inputs, context =>
        {
            var data = Gather(context, plan, config, referencePath is null ? null : PaperReference.Load(referencePath));
            ReportWriter.Write(data, context.Output(OutputFolder));
        });
    }

    public const string ReferenceFile = "configs/reference/agop-ixg-paper.yaml";

    /// <summary>The paper's numbers: from the working folder, else from the repository that holds this build.</summary>
    static string? FindReference()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, ReferenceFile))) return Path.Combine(dir.FullName, ReferenceFile);
        return null;
    }

    static IReadOnlyList<PairedTest> PairedTests(UnitContext context, PlanContext plan, ExperimentConfig config)
    {
        const string method = "agop_ixg";
        var methods = config.Strings("methods.enabled");
        if (!methods.Contains(method)) return [];
        var tests = new List<PairedTest>();
        foreach (var dataset in config.Strings("synthetic.datasets"))
            foreach (var other in methods.Where(m => m != method))
            {
                var a = new List<double>();
                var b = new List<double>();
                foreach (int seed in config.Ints("seeds").Select(s => (int)s))
                {
                    var mine = PerSampleSpearman(context, plan.Unit(EvaluateId(dataset, seed, method)));
                    var theirs = PerSampleSpearman(context, plan.Unit(EvaluateId(dataset, seed, other)));
                    foreach (var (index, value) in mine)
                        if (theirs.TryGetValue(index, out var otherValue)) { a.Add(value); b.Add(otherValue); }
                }
                var result = WilcoxonSignedRank.Test(a, b);
                tests.Add(new PairedTest(dataset, "spearman", method, other, a.Count, a.Count == 0 ? 0 : a.Zip(b, (x, y) => x - y).Average(), result.Z, result.PValue));
            }
        return tests;
    }

    static Dictionary<int, double> PerSampleSpearman(UnitContext context, WorkUnit evaluated)
    {
        var rows = NpyFile.Read(context.Input(evaluated, "per_sample.npy")).F;
        var values = new Dictionary<int, double>();
        for (int r = 0; r + 3 < rows.Length; r += 4) values[(int)rows[r]] = rows[r + 1];
        return values;
    }

    ReportData Gather(UnitContext context, PlanContext plan, ExperimentConfig config, PaperReference? reference)
    {
        var datasets = config.Strings("synthetic.datasets");
        var methods = config.Strings("methods.enabled");
        var seeds = config.Ints("seeds").Select(s => (int)s).ToList();
        int classes = (int)config.Int("synthetic.classes");
        var scores = new List<MethodScore>();
        var models = new List<ModelQuality>();
        var agop = new List<AgopRank>();
        foreach (var dataset in datasets)
            foreach (var seed in seeds)
            {
                var data = plan.Unit(GenerateId(dataset, seed));
                var trained = plan.Unit(TrainId(dataset, seed));
                var labels = NpyFile.Read(context.Input(data, "y_test.npy")).L;
                models.Add(Quality(dataset, seed, NpyFile.Read(context.Input(trained, "probabilities_test.npy")).F, labels, classes));
                if (plan.TryGetUnit(FitAgopId(dataset, seed), out var fit))
                {
                    using var json = JsonDocument.Parse(File.ReadAllText(context.Input(fit, "agop.json")));
                    agop.Add(new AgopRank(dataset, seed, json.RootElement.GetProperty("rank").GetInt32(), json.RootElement.GetProperty("features").GetInt32(),
                        Measurement(context, fit, "fit_seconds")));
                }
                foreach (var method in methods)
                {
                    var evaluated = plan.Unit(EvaluateId(dataset, seed, method));
                    var s = JsonSerializer.Deserialize<EvaluateTarget.Scores>(File.ReadAllText(context.Input(evaluated, "scores.json")))!;
                    scores.Add(new MethodScore(dataset, seed, method, s.Samples, s.Spearman, s.TopK, s.NoiseMass,
                        Measurement(context, plan.Unit(AttributeId(dataset, seed, method)), "attribution_seconds")));
                }
            }

        var planned = ledger.Plan.ToDictionary(p => p.Unit.Id, StringComparer.Ordinal);
        var units = plan.Units.Where(u => u.Id != UnitId).Select(u =>
        {
            var manifest = Manifest.TryRead(context.Input(u, Manifest.FileName));
            bool reused = !planned.TryGetValue(u.Id, out var p) || p.Action == UnitAction.Reuse;
            return new UnitRecord(u.Id, u.Key, reused, reused ? "up to date" : p!.Reason, manifest?.Seconds ?? 0);
        }).ToList();

        return new ReportData(
            config.String("report.title"), config.String("name"), ledger.ConfigDisplayPath, config.Hash, config.FileText,
            ledger.StartedUtc, GitCommit(), RunEnvironment.Describe(), datasets, methods, seeds, scores, models, agop,
            Figure1(context, plan, config, classes),
            Roar(context, plan, config),
            reference,
            PairedTests(context, plan, config),
            config.Keys.Select(k => (k, config.Text(k), config[k].Source)).ToList(), units);
    }

    static RoarSummary Roar(UnitContext context, PlanContext plan, ExperimentConfig config)
    {
        var datasets = config.Strings("roar.datasets");
        var methods = config.Strings("roar.methods");
        var seeds = config.Ints("roar.seeds").Select(s => (int)s).ToList();
        var points = new List<RoarPoint>();
        var baselines = new Dictionary<(string, int), double>();
        RoarTarget.Accuracy Read(WorkUnit unit) =>
            JsonSerializer.Deserialize<RoarTarget.Accuracy>(File.ReadAllText(context.Input(unit, "accuracy.json")))!;
        foreach (var dataset in datasets)
            foreach (var seed in seeds)
            {
                baselines[(dataset, seed)] = Read(plan.Unit(RoarTarget.BaselineId(dataset, seed))).TestAccuracy;
                foreach (var method in methods)
                    foreach (var fraction in config.Doubles("roar.fractions"))
                        points.Add(new RoarPoint(dataset, seed, method, fraction,
                            Read(plan.Unit(RoarTarget.RetrainId(dataset, seed, method, fraction))).TestAccuracy));
            }
        long rows = config.Int("roar.max_rows");
        string budget = $"Training budget per (re)training: {config.Int("roar.train.epochs")} epochs, batch {config.Int("roar.train.batch_size")}, " +
                        $"Adam lr {config.Double("roar.train.lr")}" + (rows > 0 ? $"; data subsampled to {rows} rows (quick run, not the paper's protocol)." : ".");
        return new RoarSummary(datasets, methods, seeds, points, baselines, budget);
    }

    static ModelQuality Quality(string dataset, int seed, float[] probabilities, long[] labels, int classes)
    {
        var correct = new List<double>();
        var wrong = new List<double>();
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            int predicted = TrainTarget.ArgMax(row);
            (predicted == labels[i] ? correct : wrong).Add(row[predicted]);
        }
        return new ModelQuality(dataset, seed, correct.Count / (double)labels.Length, correct.Concat(wrong).Average(),
            correct.Count > 0 ? correct.Average() : double.NaN, wrong.Count > 0 ? wrong.Average() : double.NaN);
    }

    static IReadOnlyList<BarPanel> Figure1(UnitContext context, PlanContext plan, ExperimentConfig config, int classes)
    {
        var methods = config.Strings("methods.enabled");
        string method = methods.Contains("agop_ixg") ? "agop_ixg" : methods[0];
        int seed = (int)config.Ints("seeds")[0];
        var panels = new List<BarPanel>();
        foreach (var dataset in config.Strings("synthetic.datasets"))
        {
            var data = plan.Unit(GenerateId(dataset, seed));
            var benchmark = SyntheticBenchmark.Load(Files(context, data), classes);
            var attributed = plan.Unit(AttributeId(dataset, seed, method));
            var attributions = NpyFile.Read(context.Input(attributed, "attributions_test.npy")).F;
            var predicted = NpyFile.Read(context.Input(attributed, "predicted_test.npy")).L;
            int d = benchmark.Data.Features;
            foreach (int index in config.Ints("report.figure_samples").Select(i => (int)i))
            {
                var a = Normalization.Normalize(attributions.AsSpan(index * d, d));
                var truth = Normalization.Normalize(benchmark.GroundTruthFor(index, (int)predicted[index]));
                var order = Enumerable.Range(0, d).OrderByDescending(j => a[j]).ThenBy(j => j).ToArray();
                double rho = AttributionMetrics.Spearman(a, truth);
                string verdict = predicted[index] == benchmark.Data.TestY[index] ? "" : " (wrong)";
                panels.Add(new BarPanel($"{dataset} #{index}: ρ = {rho:0.00}{verdict}",
                    order.Select(j => benchmark.Data.FeatureNames[j]).ToList(), order.Select(j => (double)a[j]).ToList(),
                    order.Select(j => benchmark.Informative.Contains(j)).ToList()));
            }
        }
        return panels;
    }

    static double Measurement(UnitContext context, WorkUnit unit, string name)
    {
        var manifest = Manifest.TryRead(context.Input(unit, Manifest.FileName));
        return manifest is not null && manifest.Measurements.TryGetValue(name, out var value) ? value : double.NaN;
    }

    static string GitCommit()
    {
        try
        {
            var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, ".git"))) dir = dir.Parent;
            if (dir is null) return "not a git checkout";
            string git = Path.Combine(dir.FullName, ".git");
            string head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal)) return head;
            string refPath = Path.Combine(git, head[5..]);
            if (File.Exists(refPath)) return File.ReadAllText(refPath).Trim();
            string packed = Path.Combine(git, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Where(l => l.EndsWith(" " + head[5..], StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).FirstOrDefault() ?? "unknown"
                : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
