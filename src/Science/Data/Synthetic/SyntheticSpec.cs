namespace Agop.Science.Data.Synthetic;

/// <summary>Everything that determines one synthetic dataset besides its seed.</summary>
public sealed record SyntheticSpec(
    string Kind,
    int Samples,
    int Features,
    int Classes,
    int Informative,
    double TestFraction,
    double NoiseSigma,
    double FiniteDifferenceStep)
{
    public static readonly IReadOnlyList<string> Kinds = ["linear", "sparse", "interaction"];

    public SyntheticTask CreateTask(Random random)
    {
        var informative = Enumerable.Range(0, Features).ToArray();
        random.Shuffle(informative);
        var chosen = informative[..Informative].Order().ToArray();
        return Kind switch
        {
            "linear" => new LinearTask(Features, Classes, chosen, random),
            "sparse" => new SparseNonlinearTask(Features, Classes, chosen, random),
            "interaction" => new InteractionTask(Features, Classes, chosen, random),
            _ => throw new ArgumentException($"unknown synthetic generator '{Kind}'; known: {string.Join(", ", Kinds)}"),
        };
    }
}
