using Agop.Build.Targets.Images;
using Agop.Pipeline.Targets;
using Agop.Science.Attribution;

namespace Agop.Build.Targets.Faith;

/// <summary>Which kind of model a Part 4 subject is: it decides how data and model are read and what the perturbation substrates are.</summary>
public enum FaithKind { Synthetic, Real, Image }

/// <summary>
/// One trained model Part 4 evaluates (SPEC §11.1): a Part 1 MLP, a Part 2 t = 0 model or a Part 3 CNN, with the units that hold
/// its data and weights and the methods whose attributions it scores.
/// </summary>
public sealed record FaithSubject(FaithKind Kind, string Dataset, int Seed, string DataId, string ModelId, IReadOnlyList<string> Methods)
{
    /// <summary>The unit holding method <paramref name="method"/>'s attributions of this model's test samples.</summary>
    public string AttributionId(string method) => Kind switch
    {
        FaithKind.Synthetic => ExperimentTarget.AttributeId(Dataset, Seed, method),
        FaithKind.Real => AttributeRealTarget.UnitId(Dataset, Seed, method),
        _ => ImageTarget.AttributeImageId(ImageCell(), method),
    };

    public ImageTarget.Cell ImageCell() => Kind == FaithKind.Image
        ? new ImageTarget.Cell(Dataset.Split('/')[0], Dataset.Split('/')[1], Seed, DataSeed)
        : throw new InvalidOperationException($"{Dataset} is not an image dataset");

    /// <summary>The image dataset's data seed (differs from the seed when datasets are shared across seeds).</summary>
    public int DataSeed { get; init; } = Seed;

    string Prefix => $"{Kind.ToString().ToLowerInvariant()}/{Dataset}/seed{Seed}";
    public string FaithId(string method) => $"faith/{Prefix}/{method}";
    public string FeiId(string variant) => $"fei/{Prefix}/{variant}";

    /// <summary>
    /// The methods Part 4 scores on the ROAR t = 0 models: ROAR's, less <c>random</c>. It is ROAR's chance ranking; Part 4's floor is
    /// <c>random_order</c> (a random ranking per sample, on every model), which scores the same thing.
    /// </summary>
    public static IReadOnlyList<string> RealMethods(Agop.Pipeline.Config.ExperimentConfig config) =>
        config.Strings("roar.methods").Where(m => m != RandomAttribution.Descriptor.Id).ToList();

    /// <summary>Every model of this run, in report order: Part 1, then real data, then images; none when <c>faith.enabled</c> is false.</summary>
    public static IEnumerable<FaithSubject> All(PlanContext plan) => All(plan.Config);

    public static IEnumerable<FaithSubject> All(Agop.Pipeline.Config.ExperimentConfig config)
    {
        if (!config.Bool("faith.enabled")) yield break;
        foreach (var dataset in config.Strings("synthetic.datasets"))
            foreach (var seed in config.Ints("seeds").Select(s => (int)s))
                yield return new FaithSubject(FaithKind.Synthetic, dataset, seed, ExperimentTarget.GenerateId(dataset, seed), ExperimentTarget.TrainId(dataset, seed),
                    config.Strings("methods.enabled"));
        foreach (var dataset in config.Strings("roar.datasets"))
            foreach (var seed in config.Ints("roar.seeds").Select(s => (int)s))
                yield return new FaithSubject(FaithKind.Real, dataset, seed, RoarTarget.DataId(dataset, seed), RoarTarget.BaselineId(dataset, seed),
                    RealMethods(config));
        foreach (var cell in ImageTarget.Cells(config))
            yield return new FaithSubject(FaithKind.Image, ImageTarget.Dataset(cell), cell.Seed, ImageTarget.GenerateImageId(cell), ImageTarget.TrainImageId(cell),
                config.Strings("image.methods.enabled")) { DataSeed = cell.DataSeed };
    }
}
