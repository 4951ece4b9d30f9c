using System.Text.Json;
using Agop.Build.Targets;
using Agop.Pipeline.Engine;
using Agop.Report;
using Agop.Science.Attribution;
using Agop.Science.IO.Artifacts;
using Agop.Science.Metrics;

namespace Agop.Build.Reporting;

/// <summary>Reads every artifact the report shows, through the artifacts' own readers, into <see cref="ReportData"/>.</summary>
public static class ReportInputs
{
    public static ReportData Read(UnitContext context, ReportTarget.Settings s)
    {
        var folders = context.Unit.NamedInputs.Select(i => i.Role).Distinct().SelectMany(context.Inputs).ToDictionary(StringComparer.Ordinal);
        var manifests = folders.ToDictionary(f => f.Key, f => Manifest.TryRead(Path.Combine(f.Value, Manifest.FileName)), StringComparer.Ordinal);
        var units = context.Unit.Inputs.Select(u => new UnitRecord(u.Id, u.Key, manifests[u.Id]?.CreatedUtc ?? default, manifests[u.Id]?.Seconds ?? 0,
            manifests[u.Id]?.Environment.GetValueOrDefault(PerJobFacts[0]) ?? "local",
            manifests[u.Id] is { } m ? PeakMemory.UnitOrProcessPeak(m.Measurements) : null,
            manifests[u.Id] is { } p && !p.Measurements.ContainsKey(PeakMemory.UnitPeak) && p.Measurements.ContainsKey(PeakMemory.ProcessPeak))
            { Stage = u.Stage }).ToList();
        var environment = manifests.Values.Where(m => m is not null).SelectMany(m => m!.Environment).Where(kv => !PerJobFacts.Contains(kv.Key))
            .GroupBy(kv => kv.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(kv => kv.Value).Distinct().Order(StringComparer.Ordinal)));
        return Read(s, folders, manifests, units, environment, context.Unit.CodeVersion) with
        {
            Variants = s.Variants.Select(v =>
            {
                var variantFolders = v.UnitIds.ToDictionary(kv => kv.Key, kv => folders[kv.Value], StringComparer.Ordinal);
                var variantManifests = v.UnitIds.ToDictionary(kv => kv.Key, kv => manifests[kv.Value], StringComparer.Ordinal);
                var shared = v.UnitIds.Count(kv => kv.Key == kv.Value);
                return new VariantData(v.Name, v.Changes, Read(v.Settings, variantFolders, variantManifests, [], environment, context.Unit.CodeVersion, claimsOnly: true),
                    v.UnitIds.Count - shared)
                {
                    ChangedUnits = v.UnitIds.Where(kv => kv.Key != kv.Value).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal),
                };
            }).ToList(),
        };
    }

    /// <summary>One config's results (the base's or a variant's), every folder and manifest under the base's unit ids.</summary>
    /// <param name="claimsOnly">A variant's: only what its claims read (no figures), so the report reads little beyond the base.</param>
    /// <param name="codeVersion">The report unit's own code version (the files its code reaches), printed on the title page.</param>
    static ReportData Read(ReportTarget.Settings s, IReadOnlyDictionary<string, string> folders, IReadOnlyDictionary<string, Manifest?> manifests,
        IReadOnlyList<UnitRecord> units, IReadOnlyDictionary<string, string> environment, string codeVersion, bool claimsOnly = false)
    {
        double Measurement(string id, string name) =>
            manifests[id] is { } m && m.Measurements.TryGetValue(name, out var value) ? value : double.NaN;

        var scores = new List<MethodScore>();
        var models = new List<ModelQuality>();
        var agop = new List<AgopRank>();
        var perSample = new List<SampleSpearman>();
        foreach (var dataset in s.Datasets)
            foreach (var seed in s.Seeds)
            {
                var labels = SyntheticDatasetArtifact.ReadTestLabels(folders[ExperimentTarget.GenerateId(dataset, seed)]);
                string trained = folders[ExperimentTarget.TrainId(dataset, seed)];
                models.Add(ModelQuality.From(dataset, seed, TrainedModelArtifact.ReadTestProbabilities(trained), labels, s.Classes)
                    with { TrainAccuracy = TrainAccuracy(trained) });
                string fitId = ExperimentTarget.FitAgopId(dataset, seed);
                if (folders.TryGetValue(fitId, out var fit))
                {
                    var factor = AgopFactor.Load(name => Path.Combine(fit, name));
                    agop.Add(new AgopRank(dataset, seed, factor.Rank, factor.Features, Measurement(fitId, "fit_seconds")));
                }
                foreach (var method in s.Methods)
                {
                    string evaluated = folders[ExperimentTarget.EvaluateId(dataset, seed, method)];
                    var m = ScoresArtifact.ReadScores(evaluated);
                    scores.Add(new MethodScore(dataset, seed, method, m.Samples, m.Spearman, m.TopK, m.NoiseMass,
                        Measurement(ExperimentTarget.AttributeId(dataset, seed, method), "attribution_seconds")));
                    perSample.AddRange(ScoresArtifact.ReadPerSample(evaluated).Select(p => new SampleSpearman(dataset, seed, method, p.Index, p.Spearman)));
                }
            }

        return new ReportData(
            s.Title, s.Name, s.ConfigPath, s.ConfigHash, s.ConfigText, DateTimeOffset.UtcNow, codeVersion, environment,
            s.Datasets, s.Methods, s.MethodInfo, s.ProposedMethod, s.Seeds, scores, models, agop,
            claimsOnly ? [] : Figure1(folders, s), Roar(folders, s, Measurement),
            s.ReferenceText is null ? null : PaperReference.Parse(s.ReferenceText),
            perSample, s.Parameters.Select(p => (p.Key, p.Value, p.Source)).ToList(), units)
        {
            Images = s.Image is null ? null : ImageReportInputs.Read(s.Image, folders, Measurement, claimsOnly,
                parameter: (id, key) => manifests.GetValueOrDefault(id)?.Parameters.GetValueOrDefault(key)),
            Faithfulness = s.Faith is null ? null : FaithReportInputs.Read(s.Faith, folders),
        };
    }

    /// <summary>
    /// The training-set accuracy the Train unit wrote to training.json (read here rather than through the artifact's own reader so that
    /// reading it changes no training unit's code reach, hence no key); NaN when absent.
    /// </summary>
    static double TrainAccuracy(string folder)
    {
        string path = Path.Combine(folder, "training.json");
        if (!File.Exists(path)) return double.NaN;
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.TryGetProperty("train_accuracy", out var value) && value.TryGetDouble(out double accuracy) ? accuracy : double.NaN;
    }

    /// <summary>Facts that differ per Slurm job: listed per unit ("Built by"), not joined into the environment table.</summary>
    static readonly string[] PerJobFacts = ["slurm_job_id", "slurm_node"];

    static RoarSummary Roar(IReadOnlyDictionary<string, string> folders, ReportTarget.Settings s, Func<string, string, double> measurement)
    {
        var points = new List<RoarPoint>();
        var baselines = new Dictionary<(string, int), double>();
        foreach (var dataset in s.RoarDatasets)
            foreach (var seed in s.RoarSeeds)
            {
                baselines[(dataset, seed)] = RoarArtifacts.ReadAccuracy(folders[RoarTarget.BaselineId(dataset, seed)]).TestAccuracy;
                foreach (var method in s.RoarMethods)
                    foreach (var fraction in s.RoarFractions)
                        points.Add(new RoarPoint(dataset, seed, method, fraction,
                            RoarArtifacts.ReadAccuracy(folders[RoarTarget.RetrainId(dataset, seed, method, fraction)]).TestAccuracy));
            }
        return new RoarSummary(s.RoarDatasets, s.RoarMethods, s.RoarSeeds, points, baselines, s.RoarBudget)
        {
            Data = s.RoarSeeds.Count == 0 ? [] : s.RoarDatasets.Select(dataset =>
            {
                string data = RoarTarget.DataId(dataset, s.RoarSeeds[0]);
                return new RoarDataset(dataset, measurement(data, "rows"), measurement(data, "rows_dropped"),
                    File.ReadLines(Path.Combine(folders[data], "features.txt")).Count());
            }).ToList(),
        };
    }

    /// <summary>The proposed method's attributions (else the first method's) of fixed test samples, first seed.</summary>
    static IReadOnlyList<BarPanel> Figure1(IReadOnlyDictionary<string, string> folders, ReportTarget.Settings s)
    {
        string method = s.ProposedMethod is { } p && s.Methods.Contains(p) ? p : s.Methods[0];
        int seed = s.Seeds[0];
        var panels = new List<BarPanel>();
        foreach (var dataset in s.Datasets)
        {
            var benchmark = SyntheticDatasetArtifact.Read(folders[ExperimentTarget.GenerateId(dataset, seed)], s.Classes);
            var attributed = AttributionArtifact.Read(folders[ExperimentTarget.AttributeId(dataset, seed, method)]);
            int d = benchmark.Data.Features;
            foreach (int index in s.FigureSamples)
            {
                var a = Normalization.Normalize(attributed.Attributions.AsSpan(index * d, d));
                var truth = Normalization.Normalize(benchmark.GroundTruthFor(index, (int)attributed.Predicted[index]));
                var order = Enumerable.Range(0, d).OrderByDescending(j => a[j]).ThenBy(j => j).ToArray();
                double rho = AttributionMetrics.Spearman(a, truth);
                string verdict = attributed.Predicted[index] == benchmark.Data.TestY[index] ? "" : " (wrong)";
                panels.Add(new BarPanel($"{dataset} #{index}: ρ = {rho:0.00}{verdict}",
                    order.Select(j => benchmark.Data.FeatureNames[j]).ToList(), order.Select(j => (double)a[j]).ToList(),
                    order.Select(j => benchmark.Informative.Contains(j)).ToList()));
            }
        }
        return panels;
    }
}
