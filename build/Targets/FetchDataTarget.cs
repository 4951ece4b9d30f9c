using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Build.Families.Tables;
using Agop.Science.Data.Real;
using Agop.Science.Data.Tables;

namespace Agop.Build.Targets;

/// <summary>
/// Locates a real data set (data.dir, else $AGOP_DATA_DIR, else the cache, else an offline copy, else a
/// checksummed download when allowed), validates it and copies its files into the unit, so planning and
/// dry runs never touch the data or the network and every ROAR unit reads one verified copy.
/// </summary>
public sealed class FetchDataTarget : ExperimentTarget
{
    /// <param name="CacheFolder">Where downloads go and offline copies are looked for: where to look, not what is read.</param>
    public sealed record Settings(string Dataset, string Folder, bool Download,
        [property: JsonIgnore] string CacheFolder, [property: JsonIgnore] IReadOnlyList<string> LocalCopies);

    /// <summary>Offline copies looked for before downloading: the project's shared data folder beside the checkout.</summary>
    public static readonly string[] LocalCopies = ["../shared/data"];

    public override string Description => "locate, validate and copy the real data (downloads only when allowed)";

    public override IEnumerable<WorkUnit> CreateUnits(PlanContext plan)
    {
        foreach (var dataset in plan.Config.Strings("roar.datasets"))
        {
            if (UserTables.Find(plan.Config, dataset) is { } table)
            {
                yield return UserTable(plan, table);
                continue;
            }
            var settings = plan.Read(c => new Settings(dataset, c.String("data.dir"), c.Bool("data.download"),
                Path.Combine(plan.Settings.ArtifactsDirectory, "data-cache"), LocalCopies));
            yield return Unit(plan, FetchDataId(dataset), settings, [], static (context, s) =>
            {
                string folder = DataLocator.Resolve(s.Dataset, s.Folder, s.CacheFolder, s.Download, s.LocalCopies);
                RealDatasets.Load(s.Dataset, folder);
                foreach (var file in RealDatasets.SourceFiles(s.Dataset, folder))
                    File.Copy(file, context.Output(Path.GetFileName(file)));
            }, preflight: () => Preflight(settings.Value));
        }
    }

    /// <param name="Sha256">The file's content: what the unit copies, so its key (the table's path is not).</param>
    public sealed record TableSettings(string Dataset, string Sha256, [property: JsonIgnore] TableSpec Table);

    /// <summary>A user's table: checked before any work (every check of the reader), then copied as it was hashed at planning.</summary>
    WorkUnit UserTable(PlanContext plan, TableSpec table)
    {
        var settings = plan.Read(c => new TableSettings(table.Name, c.Note($"{UserTables.Key}.{table.Name}.sha256", UserTables.ContentHash(table.Path)), table));
        return Unit(plan, FetchDataId(table.Name), settings, [], static (context, s) =>
        {
            string copy = context.Output(UserTables.FetchedFile);
            File.Copy(s.Table.Path, copy);
            using (var stream = File.OpenRead(copy))
                if (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)).ToLowerInvariant() != s.Sha256)
                    throw new DataFileException(s.Table.Path, "changed since the run was planned; run again");
        }, preflight: () => UserTables.Check(settings.Value.Table));
    }

    /// <summary>Before any work: a local copy must load; when none is found, a download must be allowed.</summary>
    static void Preflight(Settings s)
    {
        string folder;
        try
        {
            folder = DataLocator.Resolve(s.Dataset, s.Folder, s.CacheFolder, allowDownload: false, s.LocalCopies);
        }
        catch (DataFileException) when (s.Download && string.IsNullOrWhiteSpace(s.Folder))
        {
            return;
        }
        RealDatasets.Load(s.Dataset, folder);
    }
}
