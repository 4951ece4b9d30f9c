namespace Agop.Report;

public sealed record MethodScore(string Dataset, int Seed, string Method, int Samples, double Spearman, double TopK, double NoiseMass, double Seconds);
public sealed record ModelQuality(string Dataset, int Seed, double Accuracy, double Confidence, double ConfidenceCorrect, double ConfidenceWrong);
public sealed record AgopRank(string Dataset, int Seed, int Rank, int Features, double FitSeconds);
public sealed record RoarPoint(string Dataset, int Seed, string Method, double Fraction, double Accuracy);
public sealed record RoarSummary(IReadOnlyList<string> Datasets, IReadOnlyList<string> Methods, IReadOnlyList<int> Seeds,
    IReadOnlyList<RoarPoint> Points, IReadOnlyDictionary<(string Dataset, int Seed), double> Baselines, string Budget);
public sealed record PairedTest(string Dataset, string Metric, string Method, string Other, int Pairs, double MeanDifference, double Z, double PValue);
public sealed record UnitRecord(string Id, string Key, bool Reused, string Reason, double Seconds);

/// <summary>Everything the report shows, gathered from the artifacts by the Report target.</summary>
public sealed record ReportData(
    string Title,
    string ConfigName,
    string ConfigPath,
    string ConfigHash,
    string ConfigText,
    DateTimeOffset Date,
    string GitCommit,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<MethodScore> Scores,
    IReadOnlyList<ModelQuality> Models,
    IReadOnlyList<AgopRank> Agop,
    IReadOnlyList<BarPanel> Figure1,
    RoarSummary Roar,
    PaperReference? Reference,
    IReadOnlyList<PairedTest> PairedTests,
    IReadOnlyList<(string Key, string Value, string Source)> Parameters,
    IReadOnlyList<UnitRecord> Units);
