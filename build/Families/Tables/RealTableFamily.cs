using Agop.Build.Targets;
using Agop.Build.Targets.Faith;
using Agop.Pipeline.Config;
using Agop.Science.Attribution;
using Agop.Science.Data;
using Agop.Science.Models;
using static TorchSharp.torch;

namespace Agop.Build.Families.Tables;

/// <summary>
/// Real tables (SPEC §6): the shipped Adult and Credit and the user's own (<see cref="UserTables"/>), one ROAR t = 0 model per
/// (table, seed). ROAR attributes their training rows; Part 4's attributions of their test rows are the AttributeReal stage's.
/// </summary>
public sealed class RealTableFamily : IDataFamily
{
    public string Name => "real";

    public IEnumerable<ModelSubject> Subjects(ExperimentConfig config) =>
        from dataset in config.Strings("roar.datasets")
        from seed in config.Ints("roar.seeds").Select(s => (int)s)
        select new ModelSubject(Name, dataset, seed, RoarTarget.DataId(dataset, seed), RoarTarget.BaselineId(dataset, seed), Methods(config));

    /// <summary>
    /// The methods Part 4 scores on these models: ROAR's, less <c>random</c>. It is ROAR's chance ranking; Part 4's floor is
    /// <c>random_order</c> (a random ranking per sample, on every model), which scores the same thing.
    /// </summary>
    public static IReadOnlyList<string> Methods(ExperimentConfig config) =>
        config.Strings("roar.methods").Where(m => m != RandomAttribution.Descriptor.Id).ToList();

    public string AttributionId(ModelSubject subject, string method) => AttributeRealTarget.UnitId(subject.Dataset, subject.Seed, method);

    public int Classes(SettingsReader c) => 2;

    public LoadedSubject Load(string data, string model, int classes, Device device) =>
        LoadedSubject.Tabular(ModelFile.Load(name => Path.Combine(model, name)), TabularData.Load(name => Path.Combine(data, name), classes), device);
}
