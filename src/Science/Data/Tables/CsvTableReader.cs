using System.Globalization;
using System.Text;
using Agop.Science.Data.Real;

namespace Agop.Science.Data.Tables;

/// <summary>
/// Reads a user's CSV (header row, comma-separated, RFC 4180 quotes within a line, UTF-8) into a <see cref="RawTable"/>: numeric columns as
/// they are, categorical ones one-hot (one column per level present, levels in ordinal order, named <c>column=level</c>, as Adult's), the
/// target as 0/1. Every problem a run would meet later is found here and names the file, and the line or column.
/// </summary>
public static class CsvTableReader
{
    public static RawTable Read(string path, TableSpec spec)
    {
        var text = Decode(path);
        var lines = new CsvLines(text);
        if (!lines.Next(out _, out _)) throw new DataFileException(path, "empty file (no header row)");
        var cells = new CsvRow(text);
        cells.Load(lines.Last);
        var header = Enumerable.Range(0, cells.Count).Select(cells.Text).ToList();
        var columns = Columns(path, spec, header);

        int n = 0;
        var rows = new List<int>(); // each data row's line number, in order
        var dataLines = new List<(int Start, int Length)>();
        while (lines.Next(out var line, out int number))
        {
            if (line.IsWhiteSpace()) continue;
            dataLines.Add(lines.Last);
            rows.Add(number);
            n++;
        }
        if (n == 0) throw new DataFileException(path, "no data rows (the file holds a header only)");

        // pass 1: field counts, which columns are numeric, the levels of the categorical ones, the target's values
        var numeric = columns.Features.Select(c => !spec.Categorical.Contains(header[c], StringComparer.Ordinal)).ToArray();
        var present = new int[columns.Features.Length];
        for (int r = 0; r < n; r++)
        {
            cells.Load(dataLines[r]);
            if (cells.Count != header.Count)
                throw new DataFileException(path, $"line {rows[r]} has {cells.Count} fields; the header has {header.Count}");
            for (int f = 0; f < columns.Features.Length; f++)
            {
                var cell = cells[columns.Features[f]].Trim();
                if (MissingValues.IsMissing(cell)) continue;
                present[f]++;
                if (numeric[f] && !NumberCell.TryParse(cell, out _)) numeric[f] = false;
            }
        }
        for (int f = 0; f < columns.Features.Length; f++)
            if (present[f] == 0)
                throw new DataFileException(path, $"column '{header[columns.Features[f]]}' is empty (every cell missing); leave it out with drop: [{header[columns.Features[f]]}]");

        // pass 2: the values, rows with a missing target (or, under missing: drop, a missing feature) left out and counted
        var levels = columns.Features.Select((c, f) => numeric[f] ? null : new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var values = new double[n * columns.Features.Length];
        var labels = new string[n];
        var keep = new bool[n];
        bool impute = spec.Missing == MissingValues.ImputeMean;
        int kept = 0;
        for (int r = 0; r < n; r++)
        {
            cells.Load(dataLines[r]);
            string target = cells[columns.Target].Trim().ToString();
            bool missing = MissingValues.IsMissing(target);
            for (int f = 0; f < columns.Features.Length && !missing && !impute; f++)
                missing = MissingValues.IsMissing(cells[columns.Features[f]].Trim());
            for (int f = 0; f < columns.Features.Length && !missing; f++)
            {
                var cell = cells[columns.Features[f]].Trim();
                if (MissingValues.IsMissing(cell)) values[r * columns.Features.Length + f] = double.NaN;
                else if (numeric[f]) NumberCell.TryParse(cell, out values[r * columns.Features.Length + f]);
                else levels[f]!.GetAlternateLookup<ReadOnlySpan<char>>().TryAdd(cell, 0);
            }
            if (missing) continue;
            keep[r] = true;
            labels[r] = target;
            kept++;
        }
        for (int f = 0; f < columns.Features.Length; f++)
            if (levels[f] is { Count: > TableSpec.MaxLevels } many)
                throw new DataFileException(path, $"column '{header[columns.Features[f]]}' has {many.Count:N0} distinct values, more than {TableSpec.MaxLevels:N0} levels " +
                    $"for a categorical column; if it is an identifier, leave it out with drop: [{header[columns.Features[f]]}]");

        var y = Labels(path, spec, labels, keep);
        return Encode(spec, header, columns.Features, numeric, levels, values, keep, kept, y, dataLines, cells) with { RowsDropped = n - kept };
    }

    sealed record ColumnRoles(int Target, int[] Features);

    static ColumnRoles Columns(string path, TableSpec spec, List<string> header)
    {
        for (int i = 0; i < header.Count; i++)
        {
            header[i] = header[i].Trim();
            if (header[i].Length == 0) throw new DataFileException(path, $"line 1: column {i + 1} has no name");
            int first = header.IndexOf(header[i]);
            if (first < i) throw new DataFileException(path, $"line 1: column name '{header[i]}' appears twice (columns {first + 1} and {i + 1})");
        }
        string Listed() => string.Join(", ", header.Take(20)) + (header.Count > 20 ? ", …" : "");
        int target = header.IndexOf(spec.Target);
        if (target < 0) throw new DataFileException(path, $"target column '{spec.Target}' not found; the header has: {Listed()}");
        foreach (var (key, names) in new[] { ("drop", spec.Drop), ("categorical", spec.Categorical) })
            foreach (var name in names)
                if (!header.Contains(name)) throw new DataFileException(path, $"{key}: column '{name}' not found; the header has: {Listed()}");
        var features = Enumerable.Range(0, header.Count).Where(c => c != target && !spec.Drop.Contains(header[c], StringComparer.Ordinal)).ToArray();
        if (features.Length == 0) throw new DataFileException(path, "no feature column is left besides the target");
        return new ColumnRoles(target, features);
    }

    /// <summary>0/1 labels of the kept rows: <c>positive</c> against the rest, else the two values in ordinal order.</summary>
    static long[] Labels(string path, TableSpec spec, string[] labels, bool[] keep)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < labels.Length; r++)
            if (keep[r]) counts[labels[r]] = counts.GetValueOrDefault(labels[r]) + 1;
        string Values() => string.Join(", ", counts.Take(10).Select(kv => $"'{kv.Key}' ({kv.Value})")) + (counts.Count > 10 ? ", …" : "");
        if (counts.Count == 0) throw new DataFileException(path, "no row is left once rows with missing values are dropped (set missing: impute_mean to keep them)");
        if (counts.Count == 1)
            throw new DataFileException(path, $"target column '{spec.Target}' has one class only ('{counts.Keys.Single()}', {counts.Values.Single()} rows)");
        string positive;
        if (spec.Positive.Length > 0)
        {
            if (!counts.ContainsKey(spec.Positive))
                throw new DataFileException(path, $"positive: '{spec.Positive}' does not occur in target column '{spec.Target}' (values: {Values()})");
            positive = spec.Positive;
        }
        else
        {
            if (counts.Count > 2)
                throw new DataFileException(path, $"target column '{spec.Target}' has {counts.Count} classes ({Values()}); ROAR's models and Part 4's are " +
                    "binary classifiers (as Adult's and Credit's): set positive: to the class to explain against the rest");
            positive = counts.Keys.Last();
        }
        int ones = counts[positive], zeros = counts.Values.Sum() - ones;
        foreach (var (name, count) in new[] { (positive, ones), (spec.Positive.Length > 0 ? $"not {positive}" : counts.Keys.First(), zeros) })
            if (count < TableSpec.MinRowsPerClass)
                throw new DataFileException(path, $"class '{name}' of target column '{spec.Target}' has {count} row(s); each class needs at least " +
                    $"{TableSpec.MinRowsPerClass} (the stratified split puts some of each in the test set)");
        var y = new long[labels.Length];
        for (int r = 0; r < labels.Length; r++) y[r] = keep[r] && labels[r] == positive ? 1 : 0;
        return y;
    }

    static RawTable Encode(TableSpec spec, List<string> header, int[] features, bool[] numeric, Dictionary<string, int>?[] levels,
        double[] values, bool[] keep, int kept, long[] y, List<(int Start, int Length)> dataLines, CsvRow cells)
    {
        var names = new List<string>();
        var offset = new int[features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            offset[f] = names.Count;
            if (numeric[f]) { names.Add(header[features[f]]); continue; }
            int slot = 0;
            foreach (var level in levels[f]!.Keys.Order(StringComparer.Ordinal).ToList())
            {
                levels[f]![level] = slot++;
                names.Add($"{header[features[f]]}={level}");
            }
        }
        int d = names.Count, row = 0;
        var output = new double[kept * d];
        var labels = new long[kept];
        bool anyCategorical = numeric.Any(x => !x);
        for (int r = 0; r < keep.Length; r++)
        {
            if (!keep[r]) continue;
            if (anyCategorical) cells.Load(dataLines[r]);
            for (int f = 0; f < features.Length; f++)
            {
                if (numeric[f]) { output[row * d + offset[f]] = values[r * features.Length + f]; continue; }
                var cell = cells[features[f]].Trim();
                if (MissingValues.IsMissing(cell))
                {
                    for (int k = 0; k < levels[f]!.Count; k++) output[row * d + offset[f] + k] = double.NaN;
                    continue;
                }
                output[row * d + offset[f] + levels[f]!.GetAlternateLookup<ReadOnlySpan<char>>()[cell]] = 1;
            }
            labels[row++] = y[r];
        }
        return new RawTable(spec.Name, names, output, labels);
    }

    /// <summary>The file as strict UTF-8 (a BOM is allowed): a byte that is not UTF-8 stops the read, naming its line.</summary>
    static string Decode(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw new DataFileException(path, "file not found"); }
        catch (DirectoryNotFoundException) { throw new DataFileException(path, "file not found"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFileException(path, $"cannot be read: {e.Message}"); }
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            int at = Math.Clamp(e.Index, 0, bytes.Length - start);
            int line = 1 + bytes.AsSpan(start, at).Count((byte)'\n');
            throw new DataFileException(path, $"line {line}: not UTF-8 text (byte 0x{bytes[start + at]:X2}); save the file as UTF-8");
        }
    }

    static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
