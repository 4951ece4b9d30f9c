namespace Agop.Science.Data.Real;

/// <summary>
/// UCI Adult: adult.data then adult.test, rows with a '?' dropped, the 8 categorical columns one-hot
/// encoded (one column per category present, sorted ordinally) and the 6 numeric ones kept as they are.
/// </summary>
public static class AdultLoader
{
    public const string TrainFile = "adult.data", TestFile = "adult.test";

    internal static readonly string[] ColumnNames =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
        "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    internal static readonly bool[] IsCategorical =
        [false, true, false, true, false, true, true, true, true, true, false, false, false, true];

    const int InputColumns = 14;

    public static RawTable Load(string folder)
    {
        var rows = new AdultRows();
        rows.ReadFile(Path.Combine(folder, TrainFile));
        rows.ReadFile(Path.Combine(folder, TestFile));
        return Encode(rows);
    }

    static RawTable Encode(AdultRows rows)
    {
        var names = new List<string>();
        var offset = new int[InputColumns];   // first feature of each input column
        var slot = new int[InputColumns][];   // category id (in order of first sight) → position in the sorted block
        for (int c = 0; c < InputColumns; c++)
        {
            offset[c] = names.Count;
            if (!IsCategorical[c]) { names.Add(ColumnNames[c]); continue; }
            var categories = rows.Categories[c]!;
            var sorted = categories.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            slot[c] = new int[sorted.Length];
            for (int k = 0; k < sorted.Length; k++)
            {
                slot[c][categories.IndexOf(sorted[k])] = k;
                names.Add($"{ColumnNames[c]}={sorted[k]}");
            }
        }

        int d = names.Count, n = rows.Labels.Count;
        var features = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            int row = i * d;
            for (int c = 0; c < InputColumns; c++)
            {
                double cell = rows.Cells[i * InputColumns + c];
                if (IsCategorical[c]) features[row + offset[c] + slot[c][(int)cell]] = 1;
                else features[row + offset[c]] = cell;
            }
        }
        return new RawTable("adult", names, features, rows.Labels.ToArray()) { RowsDropped = rows.Dropped };
    }
}
