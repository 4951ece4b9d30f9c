using System.Text;
using Agop.Science.Data;
using Agop.Science.Data.Real;
using Agop.Science.Data.Tables;

namespace Agop.Tests.Science.Data;

public class CsvTableReaderTests
{
    static TableSpec Spec(string path, string target = "y", string positive = "", string[]? categorical = null, string[]? drop = null,
        string missing = MissingValues.Drop) => new("mine", path, target, positive, categorical ?? [], drop ?? [], missing);

    /// <summary>A table of <paramref name="rows"/> rows, alternating classes a/b, with a numeric, a text and a quoted column.</summary>
    static string Rows(int rows, Func<int, string>? line = null) =>
        "id,x,colour,note,y\n" + string.Concat(Enumerable.Range(0, rows).Select(i =>
            (line?.Invoke(i) ?? $"{i},{i * 0.5},{(i % 3 == 0 ? "red" : "blue")},\"n, {i}\",{(i % 2 == 0 ? "a" : "b")}") + "\n"));

    static string Write(TempFolder folder, string text, string name = "t.csv")
    {
        string path = Path.Combine(folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Numbers_stay_text_is_one_hot_in_ordinal_order_and_the_larger_target_value_is_class_1()
    {
        using var folder = new TempFolder();
        string path = Write(folder, "x,colour,y\n1.5,red,no\n-2,blue,yes\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},green,{(i < 10 ? "no" : "yes")}\n")));

        var table = CsvTableReader.Read(path, Spec(path));

        Assert.Equal(["x", "colour=blue", "colour=green", "colour=red"], table.FeatureNames);
        Assert.Equal([1.5, 0, 0, 1], table.Features[..4]);
        Assert.Equal([-2, 1, 0, 0], table.Features[4..8]);
        Assert.Equal([0L, 1], table.Labels[..2]);
        Assert.Equal(22, table.Rows);
        Assert.Equal(0, table.RowsDropped);
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_and_escaped_quotes()
    {
        using var folder = new TempFolder();
        string path = Write(folder, Rows(20, i => $"{i},{i},\"a, \"\"b\"\"\",x,{(i % 2 == 0 ? "p" : "q")}"));

        var table = CsvTableReader.Read(path, Spec(path, drop: ["note"], categorical: ["colour"]));

        Assert.Equal(["id", "x", "colour=a, \"b\""], table.FeatureNames);
    }

    [Fact]
    public void Positive_names_class_1_against_every_other_value()
    {
        using var folder = new TempFolder();
        string path = Write(folder, "x,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i},{"abc"[i % 3]}\n")));

        var table = CsvTableReader.Read(path, Spec(path, positive: "c"));

        Assert.Equal(10, table.Labels.Count(y => y == 1));
        Assert.Equal([0L, 0, 1], table.Labels[..3]);
    }

    [Fact]
    public void A_row_with_a_missing_value_is_left_out_and_counted()
    {
        using var folder = new TempFolder();
        string path = Write(folder, Rows(30, i => i is 4 or 7 ? $"{i},,red,z,a" : i == 9 ? $"{i},1,NA,z,b" : i == 11 ? $"{i},1,red,z,?" : $"{i},{i},red,z,{(i % 2 == 0 ? "a" : "b")}"));

        var table = CsvTableReader.Read(path, Spec(path, drop: ["note"]));

        Assert.Equal(4, table.RowsDropped);
        Assert.Equal(26, table.Rows);
        Assert.DoesNotContain(4.0, Enumerable.Range(0, table.Rows).Select(r => table.Features[r * table.Columns]));
    }

    [Fact]
    public void Impute_mean_keeps_the_row_and_the_split_gives_it_the_training_mean()
    {
        using var folder = new TempFolder();
        string path = Write(folder, Rows(40, i => i == 3 ? "3,,red,z,b" : $"{i},{i % 5},{(i % 2 == 0 ? "red" : "blue")},z,{(i % 2 == 0 ? "a" : "b")}"));

        var table = CsvTableReader.Read(path, Spec(path, drop: ["note", "id"], missing: MissingValues.ImputeMean));
        var split = RealSplit.Split(table, 0.25, seed: 1);

        Assert.Equal(0, table.RowsDropped);
        Assert.True(double.IsNaN(table.Features[3 * table.Columns]));
        Assert.All(split.TrainX.Concat(split.TestX), v => Assert.True(float.IsFinite(v)));
        // row 3 lands in train or test; its x standardises to exactly 0 (the training mean)
        var all = split.TrainX.Chunk(table.Columns).Concat(split.TestX.Chunk(table.Columns)).ToList();
        Assert.Contains(all, row => row[0] == 0f);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "ragged row", Rows(20, i => i == 6 ? "6,1,red,z" : null!), "line 8 has 4 fields; the header has 5" },
        { "missing target", Rows(20).Replace(",y\n", ",label\n"), "target column 'y' not found; the header has: id, x, colour, note, label" },
        { "one class", Rows(20, i => $"{i},1,red,z,a"), "target column 'y' has one class only ('a', 20 rows)" },
        { "a class below 10 rows", Rows(20, i => $"{i},1,red,z,{(i < 3 ? "b" : "a")}"), "class 'b' of target column 'y' has 3 row(s); each class needs at least 10" },
        { "empty column", Rows(20, i => $"{i},,red,z,{(i % 2 == 0 ? "a" : "b")}"), "column 'x' is empty (every cell missing); leave it out with drop: [x]" },
        { "three classes", Rows(30, i => $"{i},1,red,z,{"abc"[i % 3]}"), "target column 'y' has 3 classes ('a' (10), 'b' (10), 'c' (10)); ROAR's models and Part 4's are binary classifiers (as Adult's and Credit's): set positive:" },
        { "header only", "id,x,colour,note,y\n", "no data rows (the file holds a header only)" },
        { "duplicate column", Rows(20).Replace("id,x,", "x,x,"), "line 1: column name 'x' appears twice (columns 1 and 2)" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_table_names_the_file_and_the_line_or_column(string _, string text, string problem)
    {
        using var folder = new TempFolder();
        string path = Write(folder, text);

        var error = Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path)));

        Assert.Equal(path, error.File);
        Assert.StartsWith(problem, error.Problem);
    }

    [Fact]
    public void A_categorical_column_of_more_than_1000_levels_says_how_to_drop_it()
    {
        using var folder = new TempFolder();
        string path = Write(folder, "customer,x,y\n" + string.Concat(Enumerable.Range(0, 1200).Select(i => $"c{i},{i},{i % 2}\n")));

        var error = Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path)));

        Assert.Equal("column 'customer' has 1,200 distinct values, more than 1,000 levels for a categorical column; if it is an identifier, leave it out with drop: [customer]", error.Problem);
        Assert.Equal(2, CsvTableReader.Read(path, Spec(path, drop: ["customer"])).Labels.Distinct().Count());
    }

    [Fact]
    public void Text_that_is_not_utf8_names_its_line()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "latin1.csv");
        var text = Rows(20, i => i == 5 ? "5,1,caf\u00e9,z,b" : null!);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));

        var error = Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path)));

        Assert.Equal("line 7: not UTF-8 text (byte 0xE9); save the file as UTF-8", error.Problem);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-table-" + Guid.NewGuid().ToString("N") + ".csv");

        var error = Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path)));

        Assert.Equal("file not found", error.Problem);
    }

    [Fact]
    public void Dropping_or_naming_a_column_that_is_not_there_is_an_error()
    {
        using var folder = new TempFolder();
        string path = Write(folder, Rows(20));

        Assert.StartsWith("drop: column 'ID' not found", Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path, drop: ["ID"]))).Problem);
        Assert.StartsWith("positive: 'c' does not occur in target column 'y'", Assert.Throws<DataFileException>(() => CsvTableReader.Read(path, Spec(path, positive: "c"))).Problem);
    }
}
