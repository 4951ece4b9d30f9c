using Agop.Build.Families;
using Agop.Build.Targets.Faith;
using Agop.Report;
using Agop.Science.IO.Artifacts;

namespace Agop.Build.Reporting;

/// <summary>What the report needs to know about Part 4: the models and methods that were scored, and the choices behind the numbers.</summary>
public sealed record FaithReportSettings(IReadOnlyList<ModelSubject> Subjects, IReadOnlyList<string> Methods, IReadOnlyList<ReportChoice> Choices,
    string? ReferenceText = null);

/// <summary>Reads the Part 4 artifacts into <see cref="FaithTrack"/>.</summary>
public static class FaithReportInputs
{
    public static FaithTrack Read(FaithReportSettings s, IReadOnlyDictionary<string, string> folders)
    {
        var scores = new List<FaithScore>();
        var floor = new List<FaithScore>();
        var samples = new List<FaithSample>();
        var curves = new Dictionary<(string Dataset, string Method), List<(double[] Insertion, double[] Deletion)>>();
        foreach (var subject in s.Subjects)
            foreach (var method in s.Methods.Append(FaithfulnessTarget.RandomOrderMethod))
            {
                if (!folders.TryGetValue(subject.FaithId(method), out var folder)) continue; // a method that does not run on this kind of model
                var m = FaithArtifact.ReadMeans(folder);
                var score = new FaithScore(subject.Dataset, subject.Seed, method, m.Samples, m.Insertion, m.Deletion, m.PixelFlipping,
                    m.ActivationDeviation, m.ActivationPreservation, m.SpuriousRate);
                (method == FaithfulnessTarget.RandomOrderMethod ? floor : scores).Add(score);
                var rows = FaithArtifact.ReadPerSample(folder);
                for (int r = 0; r + FaithArtifact.Columns - 1 < rows.Length; r += FaithArtifact.Columns)
                    samples.Add(new FaithSample(subject.Dataset, subject.Seed, method, (int)rows[r], rows[r + 1], rows[r + 2], rows[r + 4], rows[r + 6]));
                var key = (subject.Dataset, method);
                if (!curves.TryGetValue(key, out var list)) curves[key] = list = [];
                list.Add(FaithArtifact.ReadCurves(folder));
            }
        var meanCurves = curves.Select(kv => new FaithCurve(kv.Key.Dataset, kv.Key.Method, MeanOf(kv.Value.Select(c => c.Insertion)),
            MeanOf(kv.Value.Select(c => c.Deletion)))).ToList();
        var datasets = s.Subjects.Select(x => x.Dataset).Distinct().ToList();
        var methods = s.Methods.Where(m => scores.Any(x => x.Method == m)).ToList();
        return new FaithTrack(datasets, methods, s.Subjects.Select(x => x.Seed).Distinct().Order().ToList(), scores, floor, samples, meanCurves,
            s.Choices.Select(c => (c.Key, c.Value)).ToList()) { Reference = s.ReferenceText is null ? null : PaperReference.Parse(s.ReferenceText) };
    }

    /// <summary>Pointwise mean of curves of equal length (one per seed of a dataset).</summary>
    static double[] MeanOf(IEnumerable<double[]> curves)
    {
        var all = curves.ToList();
        return Enumerable.Range(0, all[0].Length).Select(i => all.Average(c => c[i])).ToArray();
    }
}
