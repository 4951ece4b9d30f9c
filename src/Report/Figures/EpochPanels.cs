using SkiaSharp;

namespace Agop.Report;

/// <summary>A chart of curves against training epoch (no reference line), y from min(0, data) to 1; NaN points are left out of each series.</summary>
public sealed record EpochPanel(string Title, IReadOnlyList<(string Name, double[] X, double[] Y)> Series, string XLabel, string YLabel);

/// <summary>Draws a grid of ScottPlot line charts straight onto the PDF canvas (vector output), as <see cref="LinePanels"/> does.</summary>
public static class EpochPanels
{
    static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

    /// <summary>Columns a grid of <paramref name="panels"/> panels uses: one for a single panel, else two.</summary>
    public static int Columns(int panels) => panels <= 1 ? 1 : 2;

    const float LegendHeight = 16;

    /// <summary>The height/width ratio of the grid (panels plus the shared legend strip on top).</summary>
    public static float AspectRatio(int panels)
    {
        int columns = Columns(panels);
        int rows = Math.Max(1, (panels + columns - 1) / columns);
        return (columns == 1 ? 0.5f : 0.38f * rows) + LegendHeight / HeatmapPanels.TextWidth;
    }

    /// <summary>Panels in a grid under one legend; a series keeps its colour in every panel (matched by name).</summary>
    public static Action<SKCanvas, SKRect> Grid(IReadOnlyList<EpochPanel> panels) => (canvas, area) =>
    {
        _ = ReportFonts.Regular;
        var names = panels.SelectMany(p => p.Series.Select(s => s.Name)).Distinct().ToList();
        string Colour(string name) => Palette[names.IndexOf(name) % Palette.Length];
        using (var font = ReportFonts.Font(ReportFonts.Regular, 8))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            float x = area.Left + 30;
            foreach (var name in names)
            {
                using var line = new SKPaint { Color = SKColor.Parse(Colour(name)), StrokeWidth = 1.8f, IsStroke = true, IsAntialias = true };
                canvas.DrawLine(x, area.Top + 8, x + 16, area.Top + 8, line);
                canvas.DrawText(name, x + 20, area.Top + 11, SKTextAlign.Left, font, ink);
                x += 20 + font.MeasureText(name) + 18;
            }
        }
        var grid = new SKRect(area.Left, area.Top + LegendHeight, area.Right, area.Bottom);
        int columns = Columns(panels.Count);
        int rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        float width = grid.Width / columns, height = grid.Height / rows;
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var plot = new ScottPlot.Plot();
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            double low = 0;
            foreach (var (name, x, y) in panel.Series)
            {
                var keep = Enumerable.Range(0, Math.Min(x.Length, y.Length)).Where(j => double.IsFinite(x[j]) && double.IsFinite(y[j])).ToList();
                if (keep.Count == 0) continue;
                low = Math.Min(low, keep.Min(j => y[j]));
                var scatter = plot.Add.Scatter(keep.Select(j => x[j]).ToArray(), keep.Select(j => y[j]).ToArray(), ScottPlot.Color.FromHex(Colour(name)));
                scatter.LineWidth = 1.5f;
                scatter.MarkerSize = 3;
            }
            plot.Title(panel.Title, size: 10);
            plot.XLabel(panel.XLabel, size: 8);
            plot.YLabel(panel.YLabel, size: 8);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 7;
            plot.Axes.Left.TickLabelStyle.FontSize = 7;
            plot.Axes.SetLimitsY(low - 0.05, 1.05);
            float left = grid.Left + (i % columns) * width, top = grid.Top + (i / columns) * height;
            plot.Render(canvas, new ScottPlot.PixelRect(left, left + width, top + height, top));
        }
    };
}
