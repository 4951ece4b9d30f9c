using System.Globalization;
using System.Text;
using Agop.Science.Data;
using Agop.Science.Data.Real;
using Agop.Science.Data.Tables;
using Agop.Science.Torch;
using Agop.Science.Training;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>
/// A user's table (data.tables) of 50,000 rows × 100 columns (90 numeric, 10 categorical of 8 levels each, a yes/no target): reading
/// and checking the CSV, its split, and one epoch of ROAR's MLP on it against one on Adult-shaped data (36,177 × 104), one torch thread.
/// </summary>
public class UserTableBenchmarks
{
    const int Rows = 50_000, Numeric = 90, Categorical = 10;
    static readonly TrainSettings OneEpoch = new(1, 256, 1e-3, [256, 256, 128, 64]);
    string _path = "";
    TableSpec _spec = null!;
    TabularData _split = null!, _adultShaped = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: 1, device: "cpu");
        _path = Path.Combine(Path.GetTempPath(), $"agop-bench-{Rows}x100.csv");
        var random = new Random(0);
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Enumerable.Range(0, Numeric).Select(j => $"n{j}").Concat(Enumerable.Range(0, Categorical).Select(j => $"c{j}")).Append("y")));
        for (int i = 0; i < Rows; i++)
        {
            double score = 0;
            for (int j = 0; j < Numeric; j++)
            {
                double v = random.NextDouble() * 100 - 50;
                if (j < 5) score += v;
                text.Append(v.ToString("0.####", CultureInfo.InvariantCulture)).Append(',');
            }
            for (int j = 0; j < Categorical; j++) text.Append("level").Append(random.Next(8)).Append(',');
            text.AppendLine(score > 0 ? "yes" : "no");
        }
        File.WriteAllText(_path, text.ToString());
        _spec = new TableSpec("bench", _path, "y", "yes", [], [], MissingValues.Drop);
        _split = RealSplit.Split(CsvTableReader.Read(_path, _spec), 0.2, seed: 0);
        _adultShaped = RealSplit.Split(new RawTable("adult-shaped", Enumerable.Range(0, 104).Select(j => $"f{j}").ToList(),
            Enumerable.Range(0, 45222 * 104).Select(_ => random.NextDouble()).ToArray(), Enumerable.Range(0, 45222).Select(i => (long)(i % 4 == 0 ? 1 : 0)).ToArray()), 0.2, seed: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public RawTable ReadAndCheck50kBy100() => CsvTableReader.Read(_path, _spec);

    [Benchmark]
    public TabularData ReadCheckAndSplit50kBy100() => RealSplit.Split(CsvTableReader.Read(_path, _spec), 0.2, seed: 0);

    [Benchmark]
    public void TrainOneEpochUserTable() => Trainer.Train(_split, OneEpoch, seed: 0, CPU).Dispose();

    [Benchmark]
    public void TrainOneEpochAdultShaped() => Trainer.Train(_adultShaped, OneEpoch, seed: 0, CPU).Dispose();
}
