namespace Agop.Science.Data.Real;

/// <summary>The real data sets by name: which files hold them and how to load them.</summary>
public static class RealDatasets
{
    public static readonly IReadOnlyList<string> Names = ["adult", "credit"];

    public static RawTable Load(string dataset, string folder) => dataset switch
    {
        "adult" => AdultLoader.Load(folder),
        "credit" => CreditDefaultLoader.Load(folder),
        _ => throw new ArgumentException($"unknown data set '{dataset}' (expected {string.Join(" or ", Names)})", nameof(dataset)),
    };

    /// <summary>The files of the data set present in <paramref name="folder"/> (Credit: the first of its accepted layouts).</summary>
    public static IReadOnlyList<string> SourceFiles(string dataset, string folder) => dataset == "adult"
        ? [Path.Combine(folder, AdultLoader.TrainFile), Path.Combine(folder, AdultLoader.TestFile)]
        : [CreditDefaultLoader.FileNames.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists)
           ?? throw new DataFileException(folder, $"none of {string.Join(", ", CreditDefaultLoader.FileNames)} found")];
}
