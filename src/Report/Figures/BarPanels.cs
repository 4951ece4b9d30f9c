using SkiaSharp;

namespace Agop.Report;

/// <summary>One bar chart of a figure grid: values in display order, highlighted bars in the accent colour.</summary>
public sealed record BarPanel(string Title, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, IReadOnlyList<bool> Highlight);

/// <summary>Draws a grid of ScottPlot bar charts straight onto the PDF canvas (vector output).</summary>
public static class BarPanels
{
    static readonly ScottPlot.Color Accent = ScottPlot.Color.FromHex("#1f77b4");
    static readonly ScottPlot.Color Muted = ScottPlot.Color.FromHex("#bbbbbb");

    public static Action<SKCanvas, SKRect> Grid(IReadOnlyList<BarPanel> panels, int columns, string yLabel) => (canvas, area) =>
    {
        _ = ReportFonts.Regular;
        int rows = (panels.Count + columns - 1) / columns;
        float cellWidth = area.Width / columns, cellHeight = area.Height / rows;
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var plot = new ScottPlot.Plot();
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            var bars = panel.Values.Select((v, j) => new ScottPlot.Bar
            {
                Position = j,
                Value = v,
                FillColor = panel.Highlight[j] ? Accent : Muted,
                LineWidth = 0,
            }).ToList();
            plot.Add.Bars(bars);
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, panel.Labels.Count).Select(j => (double)j).ToArray(), panel.Labels.ToArray());
            plot.Axes.Bottom.TickLabelStyle.Rotation = -90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 26;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 6;
            plot.Axes.Left.TickLabelStyle.FontSize = 7;
            plot.Axes.Margins(bottom: 0);
            plot.Title(panel.Title, size: 8);
            if (i % columns == 0) plot.YLabel(yLabel, size: 8);
            var cell = new ScottPlot.PixelRect(area.Left + (i % columns) * cellWidth, area.Left + (i % columns + 1) * cellWidth,
                area.Top + (i / columns + 1) * cellHeight, area.Top + (i / columns) * cellHeight);
            plot.Render(canvas, cell);
        }
    };
}
