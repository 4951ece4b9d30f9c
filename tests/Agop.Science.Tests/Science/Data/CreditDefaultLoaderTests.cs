using Agop.Science.Data.Real;

namespace Agop.Tests.Science.Data;

public class CreditDefaultLoaderTests
{
    static readonly double[] FirstRow = [20000, 2, 2, 1, 24, 2, 2, -1, -1, -2, -2, 3913, 3102, 689, 0, 0, 0, 0, 689, 0, 0, 0, 0];

    [Theory]
    [InlineData("credit-default.csv")]
    [InlineData("UCI_Credit_Card.csv")]
    [InlineData("default of credit card clients.xls")]
    public void Every_layout_gives_the_same_table(string fixture)
    {
        var table = CreditDefaultLoader.LoadFile(Fixtures.File("credit", fixture));

        Assert.Equal("credit", table.Name);
        Assert.Equal((4, 23), (table.Rows, table.Columns));
        Assert.Equal(["LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE"], table.FeatureNames.Take(5));
        Assert.Equal("PAY_AMT6", table.FeatureNames[^1]);
        Assert.Equal(FirstRow, table.Features[..23]);
        Assert.Equal([1L, 1, 0, 0], table.Labels);
        var reference = CreditDefaultLoader.LoadFile(Fixtures.File("credit", "credit-default.csv"));
        Assert.Equal(reference.Features, table.Features);
        Assert.Equal(reference.FeatureNames, table.FeatureNames);
    }

    [Theory]
    [InlineData("UCI_Credit_Card.csv")]
    [InlineData("default of credit card clients.xls")]
    public void Load_finds_whichever_known_file_the_folder_holds(string name)
    {
        using var folder = new TempFolder();
        folder.Copy(Fixtures.File("credit", name), name);

        Assert.Equal(4, CreditDefaultLoader.Load(folder.Path).Rows);
    }

    [Fact]
    public void Load_from_a_folder_without_a_known_file_is_an_error()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<DataFileException>(() => CreditDefaultLoader.Load(folder.Path));

        Assert.Contains("credit-default.csv", error.Problem);
    }

    [Theory]
    [InlineData("truncated.csv", "line 4: expected 25 fields, found 14")]
    [InlineData("wrong-columns.csv", "line 2: expected 25 fields, found 26")]
    [InlineData("bad-label.csv", "line 2: label is not 0 or 1")]
    [InlineData("non-numeric.csv", "line 2: column BILL_AMT3 is not a number")]
    [InlineData("unknown-header.csv", "line 1: unknown header")]
    public void Malformed_file_is_reported_with_file_and_line(string fixture, string problem)
    {
        string path = Fixtures.File("credit-bad", fixture);

        var error = Assert.Throws<DataFileException>(() => CreditDefaultLoader.LoadFile(path));

        Assert.Equal(path, error.File);
        Assert.StartsWith($"{path}: {problem}", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_spreadsheet_is_an_error()
    {
        using var folder = new TempFolder();
        string path = folder.Copy(Fixtures.File("credit", "credit-default.csv"), "not-really.xls");

        var error = Assert.Throws<DataFileException>(() => CreditDefaultLoader.LoadFile(path));

        Assert.Equal(path, error.File);
    }
}
