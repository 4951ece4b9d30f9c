using Agop.Statistics;

namespace Agop.Report;

/// <summary>Paired Wilcoxon tests of the proposed method against every other on per-sample Spearman, same sample and seed.</summary>
public static class PairedTestsBuilder
{
    public static IReadOnlyList<PairedTest> Build(string? proposed, IReadOnlyList<SampleSpearman> samples, IReadOnlyList<string> datasets,
        IReadOnlyList<string> methods)
    {
        if (proposed is null || !methods.Contains(proposed)) return [];
        var byKey = samples.ToDictionary(s => (s.Dataset, s.Seed, s.Method, s.Index), s => s.Value);
        var tests = new List<PairedTest>();
        foreach (var dataset in datasets)
            foreach (var other in methods.Where(m => m != proposed))
            {
                var a = new List<double>();
                var b = new List<double>();
                foreach (var mine in samples.Where(s => s.Dataset == dataset && s.Method == proposed))
                    if (byKey.TryGetValue((dataset, mine.Seed, other, mine.Index), out var theirs)) { a.Add(mine.Value); b.Add(theirs); }
                var result = WilcoxonSignedRank.Test(a, b);
                tests.Add(new PairedTest(dataset, "spearman", proposed, other, a.Count, a.Count == 0 ? 0 : a.Zip(b, (x, y) => x - y).Average(), result.Z, result.PValue));
            }
        return tests;
    }
}
