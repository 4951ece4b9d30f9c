namespace Agop.Science.Data.Tables;

/// <summary>The lines of a text (\n or \r\n), each with its 1-based number.</summary>
internal sealed class CsvLines(string text)
{
    int _position, _number;

    /// <summary>Where the line <see cref="Next"/> returned last starts in the text, and its length.</summary>
    public (int Start, int Length) Last { get; private set; }

    public bool Next(out ReadOnlySpan<char> line, out int number)
    {
        line = default;
        number = 0;
        if (_position >= text.Length) return false;
        int end = text.IndexOf('\n', _position);
        if (end < 0) end = text.Length;
        int length = end - _position;
        if (length > 0 && text[_position + length - 1] == '\r') length--;
        Last = (_position, length);
        line = text.AsSpan(_position, length);
        number = ++_number;
        _position = end + 1;
        return true;
    }
}

/// <summary>
/// The fields of one CSV line, split at commas outside double quotes (a quoted field loses its quotes and "" becomes "). A line without
/// quotes is not copied: its cells are slices of the text.
/// </summary>
internal sealed class CsvRow(string text)
{
    readonly List<Range> _ranges = [];
    readonly List<string> _unquoted = [];
    bool _quoted;

    public int Count => _quoted ? _unquoted.Count : _ranges.Count;

    public ReadOnlySpan<char> this[int field] => _quoted ? _unquoted[field].AsSpan() : text.AsSpan()[_ranges[field]];

    public string Text(int field) => this[field].ToString();

    public void Load((int Start, int Length) line)
    {
        var span = text.AsSpan(line.Start, line.Length);
        _quoted = span.Contains('"');
        _ranges.Clear();
        _unquoted.Clear();
        if (!_quoted)
        {
            foreach (var range in span.Split(','))
            {
                var (offset, length) = range.GetOffsetAndLength(span.Length);
                _ranges.Add(new Range(line.Start + offset, line.Start + offset + length));
            }
            return;
        }
        var current = new System.Text.StringBuilder();
        bool inside = false;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            if (inside)
            {
                if (c != '"') current.Append(c);
                else if (i + 1 < span.Length && span[i + 1] == '"') { current.Append('"'); i++; }
                else inside = false;
            }
            else if (c == '"') inside = true;
            else if (c == ',') { _unquoted.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        _unquoted.Add(current.ToString());
    }
}
