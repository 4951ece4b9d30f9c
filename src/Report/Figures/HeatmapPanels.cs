using SkiaSharp;

namespace Agop.Report;

/// <summary>A square map of <c>Size × Size</c> values, row-major.</summary>
public sealed record Heatmap(int Size, float[] Values)
{
    public bool IsValid => Size > 0 && Values.Length == Size * Size;
    /// <summary>A map with a negative value is drawn with the diverging colormap, else with the sequential one.</summary>
    public bool Signed => Values.Any(v => v < 0);
}

/// <summary>One row of a heatmap grid: a label on the left, then one map per column (null: not available).</summary>
public sealed record HeatmapRow(string Label, IReadOnlyList<Heatmap?> Cells);

/// <summary>
/// Draws grids of small maps as coloured cells straight onto the PDF canvas (vector output). Signed maps use a diverging
/// blue–white–red colormap centred on 0 and scaled by max |v|; non-negative maps a sequential white-to-dark colormap scaled by max v.
/// Every map is scaled on its own.
/// </summary>
public static class HeatmapPanels
{
    const float LabelWidth = 64, HeaderHeight = 22, Gap = 3, MaxCell = 80;
    const float TextSize = 6.5f;
    /// <summary>The report's text width in points (A4 less the margins).</summary>
    public const float TextWidth = PdfRenderer.PageWidth - 2 * 50;

    /// <summary>The height/width ratio a grid needs at <paramref name="width"/> points (the report's text width by default).</summary>
    public static float AspectRatio(int columns, int rows, float width = TextWidth)
    {
        float cell = CellSize(columns, width);
        return (HeaderHeight + rows * (cell + Gap) + 2) / width;
    }

    static float CellSize(int columns, float width) => Math.Min(MaxCell, (width - LabelWidth) / Math.Max(1, columns) - Gap);

    public static Action<SKCanvas, SKRect> Grid(IReadOnlyList<string> headers, IReadOnlyList<HeatmapRow> rows) => (canvas, area) =>
    {
        int columns = headers.Count;
        float cell = Math.Min(CellSize(columns, area.Width), (area.Height - HeaderHeight) / Math.Max(1, rows.Count) - Gap);
        if (cell <= 2) return;
        float gridWidth = LabelWidth + columns * (cell + Gap);
        float left = area.Left + Math.Max(0, (area.Width - gridWidth) / 2);
        using var font = ReportFonts.Font(ReportFonts.Regular, TextSize);
        using var bold = ReportFonts.Font(ReportFonts.Bold, TextSize);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int c = 0; c < columns; c++)
        {
            var lines = PageLayout.Wrap(headers[c], ReportFonts.Bold, TextSize, cell + Gap).Take(2).ToList();
            float x = left + LabelWidth + c * (cell + Gap) + cell / 2;
            float y = area.Top + HeaderHeight - 4 - (lines.Count - 1) * (TextSize + 1);
            foreach (var line in lines)
            {
                canvas.DrawText(line, x, y, SKTextAlign.Center, bold, ink);
                y += TextSize + 1;
            }
        }
        for (int r = 0; r < rows.Count; r++)
        {
            float top = area.Top + HeaderHeight + r * (cell + Gap);
            var label = PageLayout.Wrap(rows[r].Label, ReportFonts.Regular, TextSize, LabelWidth - 4);
            float y = top + cell / 2 - (label.Count * (TextSize + 1)) / 2 + TextSize;
            foreach (var line in label)
            {
                canvas.DrawText(line, left + LabelWidth - 5, y, SKTextAlign.Right, font, ink);
                y += TextSize + 1;
            }
            for (int c = 0; c < columns; c++)
            {
                var rect = SKRect.Create(left + LabelWidth + c * (cell + Gap), top, cell, cell);
                var map = c < rows[r].Cells.Count ? rows[r].Cells[c] : null;
                if (map is { IsValid: true }) Draw(canvas, map, rect);
                else
                {
                    using var empty = new SKPaint { Color = new SKColor(240, 240, 240) };
                    canvas.DrawRect(rect, empty);
                    canvas.DrawText("n/a", rect.MidX, rect.MidY + TextSize / 2, SKTextAlign.Center, font, ink);
                }
                using var frame = new SKPaint { Color = SKColors.DimGray, IsStroke = true, StrokeWidth = 0.5f };
                canvas.DrawRect(rect, frame);
            }
        }
    };

    /// <summary>Paints one map into <paramref name="rect"/>: one filled square per value.</summary>
    public static void Draw(SKCanvas canvas, Heatmap map, SKRect rect)
    {
        bool signed = map.Signed;
        double scale = map.Values.Where(float.IsFinite).Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();
        float step = rect.Width / map.Size;
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (int i = 0; i < map.Size; i++)
            for (int j = 0; j < map.Size; j++)
            {
                float v = map.Values[i * map.Size + j];
                paint.Color = !float.IsFinite(v) ? SKColors.LightGray
                    : scale == 0 ? SKColors.White
                    : signed ? Diverging(v / scale) : Sequential(v / scale);
                // a hair of overlap so no seams show between neighbouring cells
                canvas.DrawRect(SKRect.Create(rect.Left + j * step, rect.Top + i * step, step + 0.05f, step + 0.05f), paint);
            }
    }

    /// <summary>Blue (−1) – white (0) – red (+1).</summary>
    public static SKColor Diverging(double t)
    {
        t = Math.Clamp(t, -1, 1);
        return t < 0 ? Mix(White, Blue, -t) : Mix(White, Red, t);
    }

    /// <summary>White (0) through orange to dark red-brown (1).</summary>
    public static SKColor Sequential(double t)
    {
        t = Math.Clamp(t, 0, 1);
        double position = t * (SequentialStops.Length - 1);
        int lower = Math.Min((int)position, SequentialStops.Length - 2);
        return Mix(SequentialStops[lower], SequentialStops[lower + 1], position - lower);
    }

    static readonly (byte R, byte G, byte B) White = (255, 255, 255), Blue = (33, 102, 172), Red = (178, 24, 43);
    static readonly (byte R, byte G, byte B)[] SequentialStops = [(255, 255, 255), (254, 217, 142), (254, 153, 41), (204, 76, 2), (102, 37, 6)];

    static SKColor Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, double t) => new(
        (byte)Math.Round(a.R + (b.R - a.R) * t), (byte)Math.Round(a.G + (b.G - a.G) * t), (byte)Math.Round(a.B + (b.B - a.B) * t));
}
