using SkiaSharp;

namespace Agop.Report;

/// <summary>A line chart panel: one series per method, plus a dashed reference line (the baseline).</summary>
public sealed record LinePanel(string Title, IReadOnlyList<(string Name, double[] X, double[] Y)> Series, double Reference, string XLabel, string YLabel);

public static class LinePanels
{
    static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"];

    public static Action<SKCanvas, SKRect> Row(IReadOnlyList<LinePanel> panels) => (canvas, area) =>
    {
        _ = ReportFonts.Regular;
        float width = area.Width / Math.Max(1, panels.Count);
        for (int i = 0; i < panels.Count; i++)
        {
            var panel = panels[i];
            var plot = new ScottPlot.Plot();
            plot.RenderManager.ClearCanvasBeforeEachRender = false;
            for (int s = 0; s < panel.Series.Count; s++)
            {
                var (name, x, y) = panel.Series[s];
                var scatter = plot.Add.Scatter(x, y, ScottPlot.Color.FromHex(Palette[s % Palette.Length]));
                scatter.LegendText = name;
                scatter.LineWidth = 1.5f;
                scatter.MarkerSize = 4;
            }
            var reference = plot.Add.HorizontalLine(panel.Reference, 1, ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
            reference.LegendText = "baseline (t = 0)";
            plot.Title(panel.Title, size: 10);
            plot.XLabel(panel.XLabel, size: 8);
            plot.YLabel(panel.YLabel, size: 8);
            plot.Axes.Bottom.TickLabelStyle.FontSize = 7;
            plot.Axes.Left.TickLabelStyle.FontSize = 7;
            plot.Legend.FontSize = 7;
            plot.ShowLegend(ScottPlot.Edge.Bottom);
            plot.Render(canvas, new ScottPlot.PixelRect(area.Left + i * width, area.Left + (i + 1) * width, area.Bottom, area.Top));
        }
    };
}
