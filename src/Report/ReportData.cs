namespace Agop.Report;

public sealed record MethodScore(string Dataset, int Seed, string Method, int Samples, double Spearman, double TopK, double NoiseMass, double Seconds)
{
    /// <summary>A metric by its name in the reference file (spearman, topk, noise_mass, time_s); NaN for an unknown one.</summary>
    public double Metric(string name) => name switch
    {
        "spearman" => Spearman,
        "topk" => TopK,
        "noise_mass" => NoiseMass,
        "time_s" => Seconds,
        _ => double.NaN,
    };
}
public sealed record ModelQuality(string Dataset, int Seed, double Accuracy, double Confidence, double ConfidenceCorrect, double ConfidenceWrong)
{
    /// <summary>Accuracy on the training set (the Train unit's training.json); NaN where it was not read.</summary>
    public double TrainAccuracy { get; init; } = double.NaN;

    /// <summary>A quality by its name in the reference files (accuracy, confidence, confidence_correct, confidence_wrong, train_accuracy).</summary>
    public double Metric(string name) => name switch
    {
        "accuracy" => Accuracy,
        "confidence" => Confidence,
        "confidence_correct" => ConfidenceCorrect,
        "confidence_wrong" => ConfidenceWrong,
        "train_accuracy" => TrainAccuracy,
        _ => double.NaN,
    };

    /// <summary>Accuracy and mean confidence (softmax probability of the predicted class), overall and on correct and wrong predictions.</summary>
    public static ModelQuality From(string dataset, int seed, float[] probabilities, long[] labels, int classes)
    {
        var correct = new List<double>();
        var wrong = new List<double>();
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            int predicted = Agop.Statistics.Classification.ArgMax(row);
            (predicted == labels[i] ? correct : wrong).Add(row[predicted]);
        }
        return new ModelQuality(dataset, seed, correct.Count / (double)labels.Length, correct.Concat(wrong).Average(),
            correct.Count > 0 ? correct.Average() : double.NaN, wrong.Count > 0 ? wrong.Average() : double.NaN);
    }
}
public sealed record AgopRank(string Dataset, int Seed, int Rank, int Features, double FitSeconds);
public sealed record RoarPoint(string Dataset, int Seed, string Method, double Fraction, double Accuracy);
public sealed record RoarSummary(IReadOnlyList<string> Datasets, IReadOnlyList<string> Methods, IReadOnlyList<int> Seeds,
    IReadOnlyList<RoarPoint> Points, IReadOnlyDictionary<(string Dataset, int Seed), double> Baselines, string Budget)
{
    /// <summary>Each data set's rows as loaded (before any max_rows subsample), the rows left out for a missing value and the model's inputs.</summary>
    public IReadOnlyList<RoarDataset> Data { get; init; } = [];
}
public sealed record RoarDataset(string Name, double Rows, double Dropped, int Features);
public sealed record PairedTest(string Dataset, string Metric, string Method, string Other, int Pairs, double MeanDifference, double Z, double PValue);
/// <summary>A unit the report read: when it was built, how long it took, and by what ("local", or the Slurm job "123_4").</summary>
/// <param name="PeakRssMb">The unit's peak resident memory in MiB from its manifest (null: not recorded).</param>
/// <param name="ProcessPeak">True where that is the building process's peak (an upper bound), not the unit's own.</param>
public sealed record UnitRecord(string Id, string Key, DateTimeOffset BuiltUtc, double Seconds, string BuiltBy = "local",
    double? PeakRssMb = null, bool ProcessPeak = false)
{
    /// <summary>The stage (target) that built the unit.</summary>
    public string Stage { get; init; } = "";
}
public sealed record SampleSpearman(string Dataset, int Seed, string Method, int Index, double Value);
public sealed record MethodInfo(string Id, string Display, string Summary);

/// <summary>Display names of the methods that ran, from the method catalog.</summary>
public sealed class MethodNames(IReadOnlyList<MethodInfo> methods)
{
    public string Display(string id) => methods.FirstOrDefault(m => m.Id == id)?.Display ?? id;
}

/// <summary>Everything the report shows, read from the artifacts by the Report target; the report computes its statistics from it.</summary>
public sealed record ReportData(
    string Title,
    string ConfigName,
    string ConfigPath,
    string ConfigHash,
    string ConfigText,
    DateTimeOffset Date,
    string CodeVersion,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Methods,
    IReadOnlyList<MethodInfo> MethodInfo,
    string? ProposedMethod,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<MethodScore> Scores,
    IReadOnlyList<ModelQuality> Models,
    IReadOnlyList<AgopRank> Agop,
    IReadOnlyList<BarPanel> Figure1,
    RoarSummary Roar,
    PaperReference? Reference,
    IReadOnlyList<SampleSpearman> PerSampleSpearman,
    IReadOnlyList<(string Key, string Value, string Source)> Parameters,
    IReadOnlyList<UnitRecord> Units)
{
    public MethodNames Names { get; } = new(MethodInfo);
    /// <summary>Part 3 (the image track); null when it did not run.</summary>
    public ImageTrack? Images { get; init; }
    /// <summary>Part 4 (faithfulness metrics and FEI); null when it did not run.</summary>
    public FaithTrack? Faithfulness { get; init; }
    /// <summary>The robustness variants' results (each a whole <see cref="ReportData"/> of its own config); none without variants.</summary>
    public IReadOnlyList<VariantData> Variants { get; init; } = [];
    public IReadOnlyList<PairedTest> PairedTests { get; } = PairedTestsBuilder.Build(ProposedMethod, PerSampleSpearman, Datasets, Methods);
}

/// <summary>A robustness variant's results. <paramref name="OwnUnits"/>: how many of the units it reads it does not share with the base.</summary>
/// <paramref name="ChangedUnits"/>: the base unit ids the variant replaces with units of its own (a claim's inputs change only if it reads one).
public sealed record VariantData(string Name, IReadOnlyList<string> Changes, ReportData Data, int OwnUnits)
{
    public IReadOnlySet<string> ChangedUnits { get; init; } = new HashSet<string>();
}
