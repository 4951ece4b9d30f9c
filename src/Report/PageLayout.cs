using SkiaSharp;

namespace Agop.Report;

/// <summary>One layout pass: turns blocks into per-page drawing operations.</summary>
sealed class PageLayout(ReportDocument document, IReadOnlyList<int>? headingPages)
{
    public const float Margin = 50;
    const float Top = 56, Bottom = PdfRenderer.PageHeight - 46;
    const float Width = PdfRenderer.PageWidth - 2 * Margin;
    const float BodySize = 9.5f, MinTableSize = 7f, TableSize = 8.5f;

    readonly List<List<Action<SKCanvas>>> _pages = [];
    readonly List<int> _headingPages = [];
    float _y;

    public IReadOnlyList<List<Action<SKCanvas>>> Pages => _pages;
    public IReadOnlyList<int> HeadingPages => _headingPages;

    List<Action<SKCanvas>> Page => _pages[^1];

    public PageLayout Run()
    {
        TitlePage();
        Contents();
        foreach (var block in document.Blocks) Place(block);
        return this;
    }

    void NewPage()
    {
        _pages.Add([]);
        _y = Top;
    }

    void EnsureSpace(float height)
    {
        if (_pages.Count == 0 || _y + height > Bottom) NewPage();
    }

    void TitlePage()
    {
        NewPage();
        _y = 220;
        Text(document.Title, Margin, ReportFonts.Bold, 22, SKColors.Black);
        _y += 36;
        foreach (var line in document.TitleLines)
        {
            foreach (var wrapped in Wrap(line, ReportFonts.Regular, 10.5f, Width))
            {
                Text(wrapped, Margin, ReportFonts.Regular, 10.5f, SKColors.DimGray);
                _y += 15;
            }
        }
    }

    void Contents()
    {
        NewPage();
        Text("Contents", Margin, ReportFonts.Bold, 16, SKColors.Black);
        _y += 26;
        var headings = document.Blocks.OfType<HeadingBlock>().ToList();
        for (int i = 0; i < headings.Count; i++)
        {
            EnsureSpace(14);
            var h = headings[i];
            float indent = h.Level == 1 ? 0 : 14;
            string page = headingPages is { } pages && i < pages.Count ? (pages[i] + 1).ToString() : "00";
            var face = h.Level == 1 ? ReportFonts.Bold : ReportFonts.Regular;
            Text(h.Text, Margin + indent, face, 10, SKColors.Black);
            TextRight(page, Margin + Width, ReportFonts.Regular, 10, SKColors.Black);
            _y += 14;
        }
    }

    void Place(ReportBlock block)
    {
        switch (block)
        {
            case HeadingBlock h: Heading(h); break;
            case ParagraphBlock p: Paragraph(p.Text, 0); break;
            case BulletsBlock b:
                foreach (var item in b.Items) Paragraph(item, 12, bullet: true);
                break;
            case TableBlock t: Table(t.Table); break;
            case CodeBlock c: Code(c.Text); break;
            case FigureBlock f: Figure(f); break;
        }
    }

    void Heading(HeadingBlock heading)
    {
        if (heading.Level == 1) NewPage();
        else EnsureSpace(70);
        float size = heading.Level == 1 ? 16 : 12;
        if (heading.Level > 1) _y += 6;
        _headingPages.Add(_pages.Count - 1);
        // a heading too long for one line wraps (a one-line heading is placed exactly as before)
        foreach (var line in Wrap(heading.Text, ReportFonts.Bold, size, Width))
        {
            Text(line, Margin, ReportFonts.Bold, size, SKColors.Black);
            _y += size + 4;
        }
        _y += 4;
    }

    void Paragraph(string text, float indent, bool bullet = false)
    {
        float line = BodySize * 1.4f;
        var lines = Wrap(text, ReportFonts.Regular, BodySize, Width - indent);
        for (int i = 0; i < lines.Count; i++)
        {
            EnsureSpace(line);
            if (bullet && i == 0) Text("•", Margin + indent - 9, ReportFonts.Regular, BodySize, SKColors.Black);
            Text(lines[i], Margin + indent, ReportFonts.Regular, BodySize, SKColors.Black);
            _y += line;
        }
        _y += 4;
    }

    void Code(string text)
    {
        const float size = 7f;
        float line = size * 1.35f;
        using var font = ReportFonts.Font(ReportFonts.Mono, size);
        int perLine = Math.Max(20, (int)(Width / font.MeasureText("M")));
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var rest = raw;
            do
            {
                var piece = rest.Length > perLine ? rest[..perLine] : rest;
                rest = rest.Length > perLine ? rest[perLine..] : "";
                EnsureSpace(line);
                Text(piece, Margin, ReportFonts.Mono, size, SKColors.Black);
                _y += line;
            } while (rest.Length > 0);
        }
        _y += 6;
    }

    void Figure(FigureBlock figure)
    {
        float height = Width * figure.HeightRatio;
        var caption = Wrap(figure.Caption, ReportFonts.Regular, 8.5f, Width);
        EnsureSpace(height + caption.Count * 12 + 8);
        var rect = new SKRect(Margin, _y, Margin + Width, _y + height);
        var draw = figure.Draw;
        Page.Add(canvas =>
        {
            canvas.Save();
            canvas.ClipRect(rect);
            draw(canvas, rect);
            canvas.Restore();
        });
        _y += height + 6;
        foreach (var line in caption)
        {
            Text(line, Margin, ReportFonts.Regular, 8.5f, SKColors.DimGray);
            _y += 12;
        }
        _y += 8;
    }

    void Table(ReportTable table)
    {
        int columns = table.Headers.Count;
        const float padding = 8;
        float size = TableSize;
        var widths = NaturalWidths(table, size);
        float available = Width - padding * columns;
        if (widths.Sum() > available)
        {
            size = Math.Max(MinTableSize, size * available / widths.Sum());
            widths = NaturalWidths(table, size);
        }
        // Still too wide: narrow columns keep their width, the wide ones share the rest and wrap their text.
        if (widths.Sum() > available) widths = WaterFill(widths, available);
        float lineHeight = size * 1.3f;
        float titleHeight = 16;

        void Header(bool continued)
        {
            Text(table.Title + (continued ? " (continued)" : ""), Margin, ReportFonts.Bold, 10, SKColors.Black);
            _y += titleHeight;
            Row(table.Headers, ReportFonts.Bold, size, widths, padding, lineHeight, shade: true);
            float y = _y;
            Page.Add(c => { using var p = new SKPaint { Color = SKColors.Black, StrokeWidth = 0.6f, IsStroke = true }; c.DrawLine(Margin, y, Margin + Width, y, p); });
        }

        EnsureSpace(titleHeight + lineHeight * 6);
        Header(false);
        foreach (var row in table.Rows)
        {
            if (_y + RowHeight(row, ReportFonts.Regular, size, widths, lineHeight) > Bottom)
            {
                NewPage();
                Header(true);
            }
            Row(row, ReportFonts.Regular, size, widths, padding, lineHeight, shade: false);
        }
        if (table.Caption is { } caption)
        {
            _y += 3;
            foreach (var line in Wrap(caption, ReportFonts.Regular, 8, Width))
            {
                EnsureSpace(11);
                Text(line, Margin, ReportFonts.Regular, 8, SKColors.DimGray);
                _y += 11;
            }
        }
        _y += 12;
    }

    static float[] WaterFill(float[] natural, float available)
    {
        var widths = (float[])natural.Clone();
        var open = Enumerable.Range(0, widths.Length).ToList();
        float left = available;
        while (open.Count > 0)
        {
            float share = left / open.Count;
            var narrow = open.Where(i => natural[i] <= share).ToList();
            if (narrow.Count == 0)
            {
                foreach (int i in open) widths[i] = share;
                break;
            }
            foreach (int i in narrow) { widths[i] = natural[i]; left -= natural[i]; open.Remove(i); }
        }
        return widths;
    }

    static List<string> CellLines(string cell, SKTypeface face, float size, float width) =>
        Wrap(cell, face, size, width).Select(line => Fit(line, face, size, width)).ToList();

    static float RowHeight(IReadOnlyList<string> cells, SKTypeface face, float size, float[] widths, float lineHeight) =>
        Enumerable.Range(0, widths.Length).Max(i => CellLines(i < cells.Count ? cells[i] : "", face, size, widths[i]).Count) * lineHeight + size * 0.45f;

    void Row(IReadOnlyList<string> cells, SKTypeface face, float size, float[] widths, float padding, float lineHeight, bool shade)
    {
        float height = RowHeight(cells, face, size, widths, lineHeight);
        float x = Margin;
        float top = _y;
        if (shade)
        {
            var band = new SKRect(Margin, top, Margin + Width, top + height);
            Page.Add(c => { using var p = new SKPaint { Color = new SKColor(235, 238, 243) }; c.DrawRect(band, p); });
        }
        for (int i = 0; i < widths.Length; i++)
        {
            var lines = CellLines(i < cells.Count ? cells[i] : "", face, size, widths[i]);
            float cellX = x + padding / 2;
            for (int l = 0; l < lines.Count; l++)
            {
                string text = lines[l];
                float baseline = top + size * 1.1f + l * lineHeight;
                Page.Add(c => { using var f = ReportFonts.Font(face, size); using var p = new SKPaint { Color = SKColors.Black, IsAntialias = true }; c.DrawText(text, cellX, baseline, SKTextAlign.Left, f, p); });
            }
            x += widths[i] + padding;
        }
        _y += height;
    }

    static float[] NaturalWidths(ReportTable table, float size)
    {
        using var regular = ReportFonts.Font(ReportFonts.Regular, size);
        using var bold = ReportFonts.Font(ReportFonts.Bold, size);
        var widths = table.Headers.Select(h => Widest(bold, h)).ToArray();
        foreach (var row in table.Rows)
            for (int i = 0; i < Math.Min(row.Count, widths.Length); i++)
                widths[i] = Math.Max(widths[i], Widest(regular, row[i]));
        return widths;
    }

    /// <summary>Width of a cell's widest line (a cell may break its lines on purpose with '\n').</summary>
    static float Widest(SKFont font, string cell) =>
        cell.Contains('\n') ? cell.Split('\n').Max(line => font.MeasureText(line)) : font.MeasureText(cell);

    static string Fit(string text, SKTypeface face, float size, float width)
    {
        using var font = ReportFonts.Font(face, size);
        if (font.MeasureText(text) <= width) return text;
        while (text.Length > 1 && font.MeasureText(text + "…") > width) text = text[..^1];
        return text + "…";
    }

    void Text(string text, float x, SKTypeface face, float size, SKColor color)
    {
        float baseline = _y + size;
        Page.Add(c => { using var f = ReportFonts.Font(face, size); using var p = new SKPaint { Color = color, IsAntialias = true }; c.DrawText(text, x, baseline, SKTextAlign.Left, f, p); });
    }

    void TextRight(string text, float right, SKTypeface face, float size, SKColor color)
    {
        float baseline = _y + size;
        Page.Add(c => { using var f = ReportFonts.Font(face, size); using var p = new SKPaint { Color = color, IsAntialias = true }; c.DrawText(text, right, baseline, SKTextAlign.Right, f, p); });
    }

    public static List<string> Wrap(string text, SKTypeface face, float size, float width)
    {
        using var font = ReportFonts.Font(face, size);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (font.MeasureText(candidate) <= width || current.Length == 0) current = candidate;
                else { lines.Add(current); current = word; }
            }
            lines.Add(current);
        }
        return lines;
    }
}
