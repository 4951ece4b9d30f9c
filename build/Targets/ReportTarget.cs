using Agop.Build.Reporting;
using Agop.Pipeline.Config;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Report;
using Agop.Science.Attribution.Catalog;

namespace Agop.Build.Targets;

/// <summary>
/// The PDF report and its CSV/Markdown tables: one unit that reads every result. Its key covers the whole
/// config (the report prints it), the paper's reference numbers and the code of every stage, so it is
/// reused on a no-op run and rebuilt when anything it shows could change.
/// </summary>
[DependsOn(typeof(EvaluateTarget), typeof(RoarTarget))]
public sealed class ReportTarget(MethodCatalog catalog) : ExperimentTarget
{
    public const string UnitId = "report";
    public const string OutputFolder = "report";
    public const string ReferenceFile = "configs/reference/agop-ixg-paper.yaml";

    public sealed record ConfigEntry(string Key, string Value, string Source);

    public sealed record Settings(
        string Title, string Name, string ConfigPath, string ConfigHash, string ConfigText, IReadOnlyList<ConfigEntry> Parameters,
        IReadOnlyList<string> Datasets, IReadOnlyList<string> Methods, IReadOnlyList<int> Seeds, int Classes, IReadOnlyList<int> FigureSamples,
        IReadOnlyList<string> RoarDatasets, IReadOnlyList<string> RoarMethods, IReadOnlyList<int> RoarSeeds, IReadOnlyList<double> RoarFractions,
        string RoarBudget, IReadOnlyList<MethodInfo> MethodInfo, string? ProposedMethod, string? ReferenceText, string CodeVersion);

    public override string Description => "PDF report with tables, figures and provenance";
    /// <summary>The report shows every stage's output, so all code is its code (and its title page prints the code version).</summary>
    static readonly string[] AllCode = ["pipeline/", "build/", "src/"];

    public override IReadOnlyList<string> Code => AllCode;

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        var config = plan.Config;
        string? reference = FindReference();
        var settings = plan.Read(c =>
        {
            var parameters = config.Keys.Select(k => new ConfigEntry(k, ExperimentConfig.Canonical(c.Value(k)), config[k].Source)).ToList();
            long rows = c.Int("roar.max_rows");
            string budget = $"Training budget per (re)training: {c.Int("roar.train.epochs")} epochs, batch {c.Int("roar.train.batch_size")}, " +
                            $"Adam lr {c.Double("roar.train.lr")}" + (rows > 0 ? $"; data subsampled to {rows} rows (quick run, not the paper's protocol)." : ".");
            return new Settings(c.String("report.title"), c.String("name"), config.FilePath, config.Hash, config.FileText, parameters,
                c.Strings("synthetic.datasets"), c.Strings("methods.enabled"), c.Ints("seeds").Select(s => (int)s).ToList(), (int)c.Int("synthetic.classes"),
                c.Ints("report.figure_samples").Select(s => (int)s).ToList(),
                c.Strings("roar.datasets"), c.Strings("roar.methods"), c.Ints("roar.seeds").Select(s => (int)s).ToList(), c.Doubles("roar.fractions"),
                budget, catalog.Methods.Select(m => new MethodInfo(m.Id, m.DisplayName, m.Summary)).ToList(), catalog.Proposed?.Id,
                reference is null ? null : File.ReadAllText(reference), plan.Code.Of(AllCode));
        });
        var inputs = plan.Units.Where(u => u.Stage is "Generate" or "Train" or "FitAgop" or "Attribute" or "Evaluate" or "Roar")
            .Select(u => In(u.Stage.ToLowerInvariant(), u)).ToList();
        yield return Unit(plan, UnitId, settings, inputs, static (context, s) =>
            ReportWriter.Write(ReportInputs.Read(context, s), context.Output(OutputFolder)));
    }

    /// <summary>The paper's numbers: from the working folder, else from the repository that holds this build.</summary>
    static string? FindReference()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, ReferenceFile))) return Path.Combine(dir.FullName, ReferenceFile);
        return null;
    }
}
