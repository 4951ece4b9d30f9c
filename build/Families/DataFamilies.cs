using Agop.Build.Families.Images;
using Agop.Build.Families.Synthetic;
using Agop.Build.Families.Tables;
using Agop.Pipeline.Config;

namespace Agop.Build.Families;

/// <summary>The registered data families, in report order: the one place a new family is added.</summary>
public static class DataFamilies
{
    public static readonly IReadOnlyList<IDataFamily> All = [new SyntheticFamily(), new RealTableFamily(), new ImageFamily()];

    public static IDataFamily Get(string name) => All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"no data family '{name}' (registered: {string.Join(", ", All.Select(f => f.Name))})", nameof(name));

    public static T Get<T>() where T : IDataFamily => All.OfType<T>().Single();

    /// <summary>Every model Part 4 scores, family by family; none when <c>faith.enabled</c> is false.</summary>
    public static IEnumerable<ModelSubject> Subjects(ExperimentConfig config) =>
        config.Bool("faith.enabled") ? All.SelectMany(f => f.Subjects(config)) : [];
}
