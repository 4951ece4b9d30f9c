using System.Diagnostics;
using Agop.Science.Data.Real;
using Xunit.Abstractions;

namespace Agop.Tests.Science.Data;

/// <summary>The full UCI files from ../shared/data; each test passes without checking anything where that folder is absent.</summary>
public class RealDataTests(ITestOutputHelper output)
{
    [Fact]
    public void Adult_has_the_pinned_checksums_and_45222_rows_of_104_features()
    {
        string folder = Fixtures.SharedData();
        foreach (var (name, sha256) in DataChecksums.Adult) DataChecksums.Verify(Path.Combine(folder, name), sha256);

        var clock = Stopwatch.StartNew();
        var table = AdultLoader.Load(folder);
        output.WriteLine($"Adult loaded in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal((45_222, 104), (table.Rows, table.Columns));
        Assert.Equal(table.Rows * table.Columns, table.Features.Length);
        Assert.Equal(104, table.FeatureNames.Distinct().Count());
        Assert.Equal(11_208, table.Labels.Count(y => y == 1));
    }

    [Fact]
    public void Credit_has_30000_rows_of_23_features_and_a_positive_rate_of_0_2212()
    {
        string folder = Fixtures.SharedData();

        var clock = Stopwatch.StartNew();
        var table = CreditDefaultLoader.Load(folder);
        output.WriteLine($"Credit loaded in {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.Equal((30_000, 23), (table.Rows, table.Columns));
        Assert.Equal(0.2212, table.PositiveRate(), tolerance: 0.0005);
    }
}
