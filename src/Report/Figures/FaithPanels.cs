using SkiaSharp;

namespace Agop.Report;

/// <summary>How a legend entry (and its points) is drawn.</summary>
public enum LegendMark { Line, Dashed, Circle, Diamond, Triangle }

/// <summary>One entry of a figure's shared legend; <paramref name="Size"/> is the line width (lines) or the marker size (points).</summary>
public sealed record LegendEntry(string Name, string Colour, LegendMark Mark, float Size);

/// <summary>One curve of a panel.</summary>
public sealed record CurveSeries(string Name, double[] X, double[] Y, string Colour, float Width, bool Dashed);

/// <summary>A chart of curves on x ∈ [0, 1], y ∈ [0, 1] (a probability).</summary>
public sealed record CurvePanel(string Title, IReadOnlyList<CurveSeries> Series, string XLabel, string YLabel);

/// <summary>One point of a scatter chart.</summary>
public sealed record ScatterPoint(string Name, double X, double Y, string Colour, LegendMark Mark, float Size);

/// <summary>
/// Figures 6 and 7 of Part 4: grids of small ScottPlot curve charts and one scatter chart, drawn straight onto the PDF canvas (vector
/// output) under a shared legend that wraps over as many lines as its entries need.
/// </summary>
public static class FaithPanels
{
    const float LegendFont = 7.5f, LegendLine = 11, LegendMarkWidth = 18, LegendGap = 12;

    /// <summary>Height of a grid panel relative to its width, and the most a panel may be tall (points).</summary>
    const float PanelRatio = 0.92f, MaxPanelHeight = 170;

    /// <summary>The legend's entries, line by line, as they fit in <paramref name="width"/> points.</summary>
    public static IReadOnlyList<IReadOnlyList<LegendEntry>> LegendLines(IReadOnlyList<LegendEntry> entries, float width)
    {
        _ = ReportFonts.Regular;
        using var font = ReportFonts.Font(ReportFonts.Regular, LegendFont);
        var lines = new List<IReadOnlyList<LegendEntry>>();
        var current = new List<LegendEntry>();
        float used = 0;
        foreach (var entry in entries)
        {
            float w = LegendMarkWidth + 4 + font.MeasureText(entry.Name) + LegendGap;
            if (current.Count > 0 && used + w > width)
            {
                lines.Add(current);
                current = [];
                used = 0;
            }
            current.Add(entry);
            used += w;
        }
        if (current.Count > 0) lines.Add(current);
        return lines;
    }

    public static float LegendHeight(IReadOnlyList<LegendEntry> entries, float width = HeatmapPanels.TextWidth) =>
        entries.Count == 0 ? 0 : LegendLines(entries, width - 20).Count * LegendLine + 6;

    static float PanelHeight(int columns, float width) => Math.Min(MaxPanelHeight, width / Math.Max(1, columns) * PanelRatio);

    /// <summary>The height/width ratio of a grid of <paramref name="panels"/> panels in <paramref name="columns"/> columns under the legend.</summary>
    public static float GridAspectRatio(int panels, int columns, IReadOnlyList<LegendEntry> legend, float width = HeatmapPanels.TextWidth)
    {
        int rows = Math.Max(1, (panels + columns - 1) / Math.Max(1, columns));
        return (rows * PanelHeight(columns, width) + LegendHeight(legend, width)) / width;
    }

    /// <summary>The height/width ratio of the single scatter chart under the legend.</summary>
    public static float ScatterAspectRatio(IReadOnlyList<LegendEntry> legend, float width = HeatmapPanels.TextWidth) =>
        0.62f + LegendHeight(legend, width) / width;

    static float DrawLegend(SKCanvas canvas, SKRect area, IReadOnlyList<LegendEntry> entries)
    {
        if (entries.Count == 0) return 0;
        using var font = ReportFonts.Font(ReportFonts.Regular, LegendFont);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var lines = LegendLines(entries, area.Width - 20);
        for (int l = 0; l < lines.Count; l++)
        {
            float x = area.Left + 10, y = area.Top + 4 + l * LegendLine + LegendLine / 2;
            foreach (var entry in lines[l])
            {
                DrawMark(canvas, entry, x, y);
                canvas.DrawText(entry.Name, x + LegendMarkWidth + 4, y + LegendFont * 0.35f, SKTextAlign.Left, font, ink);
                x += LegendMarkWidth + 4 + font.MeasureText(entry.Name) + LegendGap;
            }
        }
        return LegendHeight(entries, area.Width);
    }

    static void DrawMark(SKCanvas canvas, LegendEntry entry, float x, float y)
    {
        var colour = SKColor.Parse(entry.Colour);
        if (entry.Mark is LegendMark.Line or LegendMark.Dashed)
        {
            using var line = new SKPaint { Color = colour, StrokeWidth = Math.Max(1, entry.Size), IsStroke = true, IsAntialias = true };
            if (entry.Mark == LegendMark.Dashed) line.PathEffect = SKPathEffect.CreateDash([4, 2.5f], 0);
            canvas.DrawLine(x, y, x + LegendMarkWidth, y, line);
            return;
        }
        using var fill = new SKPaint { Color = colour, IsAntialias = true };
        float r = Math.Clamp(entry.Size / 2, 2, 5), cx = x + LegendMarkWidth / 2;
        using var path = new SKPath();
        switch (entry.Mark)
        {
            case LegendMark.Diamond:
                path.MoveTo(cx, y - r * 1.2f); path.LineTo(cx + r, y); path.LineTo(cx, y + r * 1.2f); path.LineTo(cx - r, y); path.Close();
                canvas.DrawPath(path, fill);
                break;
            case LegendMark.Triangle:
                path.MoveTo(cx, y - r * 1.1f); path.LineTo(cx + r, y + r * 0.8f); path.LineTo(cx - r, y + r * 0.8f); path.Close();
                canvas.DrawPath(path, fill);
                break;
            default:
                canvas.DrawCircle(cx, y, r, fill);
                break;
        }
    }

    static ScottPlot.MarkerShape Shape(LegendMark mark) => mark switch
    {
        LegendMark.Diamond => ScottPlot.MarkerShape.FilledDiamond,
        LegendMark.Triangle => ScottPlot.MarkerShape.FilledTriangleUp,
        _ => ScottPlot.MarkerShape.FilledCircle,
    };

    static void Style(ScottPlot.Plot plot, string title, string xLabel, string yLabel, float titleSize, float labelSize, float tickSize)
    {
        plot.Title(title, size: titleSize);
        plot.XLabel(xLabel, size: labelSize);
        plot.YLabel(yLabel, size: labelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = tickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = tickSize;
    }

    /// <summary>Curve panels in a grid of <paramref name="columns"/> columns under one legend; NaN points are left out of each curve.</summary>
    public static Action<SKCanvas, SKRect> CurveGrid(IReadOnlyList<CurvePanel> panels, int columns, IReadOnlyList<LegendEntry> legend) => (canvas, area) =>
    {
        _ = ReportFonts.Regular;
        float top = area.Top + DrawLegend(canvas, area, legend);
        columns = Math.Max(1, columns);
        float width = area.Width / columns, height = PanelHeight(columns, area.Width);
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var plot = new ScottPlot.Plot();
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            foreach (var series in panel.Series)
            {
                var keep = Enumerable.Range(0, Math.Min(series.X.Length, series.Y.Length))
                    .Where(j => double.IsFinite(series.X[j]) && double.IsFinite(series.Y[j])).ToList();
                if (keep.Count == 0) continue;
                var scatter = plot.Add.Scatter(keep.Select(j => series.X[j]).ToArray(), keep.Select(j => series.Y[j]).ToArray(),
                    ScottPlot.Color.FromHex(series.Colour));
                scatter.LineWidth = series.Width;
                scatter.MarkerSize = 0;
                if (series.Dashed) scatter.LinePattern = ScottPlot.LinePattern.Dashed;
            }
            Style(plot, panel.Title, panel.XLabel, panel.YLabel, titleSize: 8, labelSize: 7, tickSize: 6);
            plot.Axes.SetLimits(0, 1, -0.03, 1.03);
            float left = area.Left + (i % columns) * width, y = top + (i / columns) * height;
            plot.Render(canvas, new ScottPlot.PixelRect(left, left + width, y + height, y));
        }
    };

    /// <summary>
    /// One scatter chart under the legend; each pair of <paramref name="links"/> is joined by a thin grey line drawn under the points,
    /// and larger points are drawn last so that they stay visible.
    /// </summary>
    public static Action<SKCanvas, SKRect> Scatter(IReadOnlyList<ScatterPoint> points, IReadOnlyList<(double X1, double Y1, double X2, double Y2)> links,
        IReadOnlyList<LegendEntry> legend, string xLabel, string yLabel) => (canvas, area) =>
    {
        _ = ReportFonts.Regular;
        float top = area.Top + DrawLegend(canvas, area, legend);
        var plot = new ScottPlot.Plot();
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        foreach (var (x1, y1, x2, y2) in links.Where(l => double.IsFinite(l.X1) && double.IsFinite(l.Y1) && double.IsFinite(l.X2) && double.IsFinite(l.Y2)))
        {
            var line = plot.Add.Scatter(new[] { x1, x2 }, new[] { y1, y2 }, ScottPlot.Color.FromHex("#9a9a9a"));
            line.LineWidth = 0.8f;
            line.MarkerSize = 0;
        }
        foreach (var point in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.Size))
        {
            var marker = plot.Add.Scatter(new[] { point.X }, new[] { point.Y }, ScottPlot.Color.FromHex(point.Colour));
            marker.LineWidth = 0;
            marker.MarkerShape = Shape(point.Mark);
            marker.MarkerSize = point.Size;
        }
        Style(plot, "", xLabel, yLabel, titleSize: 9, labelSize: 8, tickSize: 7);
        plot.Render(canvas, new ScottPlot.PixelRect(area.Left, area.Right, area.Bottom, top));
    };
}
