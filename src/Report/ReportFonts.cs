using SkiaSharp;

namespace Agop.Report;

/// <summary>The bundled DejaVu fonts (embedded into every PDF, so it looks the same everywhere).</summary>
public static class ReportFonts
{
    static readonly Lazy<(SKTypeface Regular, SKTypeface Bold, SKTypeface Mono)> Faces = new(Load);

    public static SKTypeface Regular => Faces.Value.Regular;
    public static SKTypeface Bold => Faces.Value.Bold;
    public static SKTypeface Mono => Faces.Value.Mono;
    public const string Family = "DejaVu Sans";

    /// <summary>A font with unhinted, subpixel-positioned, linear metrics: glyph advances in the PDF match the font's own.</summary>
    public static SKFont Font(SKTypeface face, float size) => new(face, size)
    {
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
    };

    static (SKTypeface, SKTypeface, SKTypeface) Load()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
        string regular = Path.Combine(folder, "DejaVuSans.ttf");
        string bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular)) throw new FileNotFoundException($"report font missing: {regular}");
        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        ScottPlot.Fonts.Default = Family;
        ScottPlot.Fonts.Sans = Family;
        return (SKTypeface.FromFile(regular), SKTypeface.FromFile(bold), SKTypeface.FromFile(Path.Combine(folder, "DejaVuSansMono.ttf")));
    }
}
