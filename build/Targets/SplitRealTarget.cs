using System.Text.Json.Serialization;
using Agop.Build.Families.Tables;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Data;
using Agop.Science.Data.Real;
using Agop.Science.Data.Tables;

namespace Agop.Build.Targets;

/// <summary>
/// The real tables' splits (SPEC §6), one unit per (table, seed): the FetchData copy read by its family member's reader (Adult's, Credit's
/// or a user table's <see cref="CsvTableReader"/>), a seeded stratified train/test split standardised with the training statistics. It
/// records the rows read and those left out for a missing value, which the report prints.
/// </summary>
[DependsOn(typeof(FetchDataTarget))]
public sealed class SplitRealTarget : ExperimentTarget
{
    /// <param name="Table">A user's table (data.tables), read from the FetchData unit's copy; null for a shipped data set.</param>
    public sealed record Settings(string Dataset, int Seed, double TestFraction, int MaxRows,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TableSpec? Table);

    public override string Description => "stratified, standardised train/test splits of the real tables";

    public static string UnitId(string dataset, int seed) => $"roar/{dataset}/seed{seed}/data";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var dataset in plan.Config.Strings("roar.datasets"))
            foreach (int seed in plan.Config.Ints("roar.seeds").Select(s => (int)s))
            {
                var split = plan.Read(c => new Settings(dataset, seed, c.Double("roar.test_fraction"), (int)c.Int("roar.max_rows"),
                    UserTables.Read(c, plan.Config, dataset)));
                yield return Unit(plan, UnitId(dataset, seed), split, [In("source", plan.Unit(FetchDataId(dataset)))], static (context, s) =>
                {
                    var table = s.Table is null
                        ? RealDatasets.Load(s.Dataset, context.Input("source"))
                        : CsvTableReader.Read(Path.Combine(context.Input("source"), UserTables.FetchedFile), s.Table);
                    context.Record("rows", table.Rows);
                    context.Record("rows_dropped", table.RowsDropped);
                    RealSplit.Split(table, s.TestFraction, s.Seed, s.MaxRows).Save(context.OutputDirectory);
                }, preflight: split.Value.Table is { } spec ? () => UserTables.Check(spec) : null);
            }
    }
}
