using System.Text.Json.Serialization;
using Agop.Pipeline.Engine;
using Agop.Pipeline.Targets;
using Agop.Science.Data.Real;

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
