using Agop.Science.Data.Real;

namespace Agop.Tests.Science.Data;

public class AdultLoaderTests
{
    [Fact]
    public void Drops_rows_with_a_question_mark_and_one_hot_encodes_the_categories_present()
    {
        var table = AdultLoader.Load(Fixtures.Folder("adult"));

        string[] names =
        [
            "age", "workclass=Local-gov", "workclass=Private", "workclass=State-gov", "fnlwgt",
            "education=Assoc-acdm", "education=Bachelors", "education=HS-grad", "education-num",
            "marital-status=Divorced", "marital-status=Married-civ-spouse", "marital-status=Never-married",
            "occupation=Adm-clerical", "occupation=Handlers-cleaners", "occupation=Protective-serv",
            "relationship=Husband", "relationship=Not-in-family", "race=Other", "race=White", "sex=Female", "sex=Male",
            "capital-gain", "capital-loss", "hours-per-week", "native-country=Cuba", "native-country=United-States",
        ];
        double[] expected =
        [
            39, 0, 0, 1, 77516, 0, 1, 0, 13, 0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 2174, 0, 40, 0, 1,
            38, 0, 1, 0, 215646, 0, 0, 1, 9, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 40, 1, 0,
            28, 1, 0, 0, 336951, 1, 0, 0, 12, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1902, 40, 0, 1,
        ];
        Assert.Equal("adult", table.Name);
        Assert.Equal(names, table.FeatureNames);
        Assert.Equal((3, 26), (table.Rows, table.Columns));
        Assert.Equal(expected, table.Features);
        Assert.Equal([0L, 1, 1], table.Labels);
    }

    [Theory]
    [InlineData("truncated.data", "line 3: expected 15 comma-separated fields, found 7")]
    [InlineData("wrong-columns.data", "line 2: expected 15 comma-separated fields, found 14")]
    [InlineData("bad-label.data", "line 2: income label")]
    [InlineData("non-numeric.data", "line 2: column education-num")]
    [InlineData("empty.data", "empty")]
    public void Malformed_training_file_is_reported_with_file_and_line(string fixture, string where)
    {
        using var folder = new TempFolder();
        string data = folder.Copy(Fixtures.File("adult-bad", fixture), AdultLoader.TrainFile);
        folder.Copy(Fixtures.File("adult", AdultLoader.TestFile), AdultLoader.TestFile);

        var error = Assert.Throws<DataFileException>(() => AdultLoader.Load(folder.Path));

        Assert.Equal(data, error.File);
        Assert.StartsWith($"{data}: ", error.Message);
        Assert.Contains(where, error.Problem);
    }

    [Fact]
    public void Missing_test_file_is_an_error_naming_it()
    {
        using var folder = new TempFolder();
        folder.Copy(Fixtures.File("adult", AdultLoader.TrainFile), AdultLoader.TrainFile);

        var error = Assert.Throws<DataFileException>(() => AdultLoader.Load(folder.Path));

        Assert.EndsWith(AdultLoader.TestFile, error.File);
    }

    [Fact]
    public void Banner_is_only_skipped_on_the_first_line()
    {
        using var folder = new TempFolder();
        folder.Copy(Fixtures.File("adult", AdultLoader.TrainFile), AdultLoader.TrainFile);
        string test = Path.Combine(folder.Path, AdultLoader.TestFile);
        File.WriteAllLines(test,
        [
            "32, Private, 1000, Bachelors, 13, Never-married, Sales, Not-in-family, White, Male, 0, 0, 40, Cuba, >50K.",
            "|1x3 Cross validator",
        ]);

        var error = Assert.Throws<DataFileException>(() => AdultLoader.Load(folder.Path));

        Assert.Contains("line 2", error.Problem);
    }
}
