using SkiaSharp;

namespace Agop.Report;

/// <summary>
/// Lays a <see cref="ReportDocument"/> out on A4 pages and writes it with SkiaSharp's PDF backend.
/// Layout runs twice: once to learn each heading's page, once more to print the table of contents with them.
/// Tables that do not fit continue on the next page under their repeated header; wide tables shrink their font.
/// </summary>
public static class PdfRenderer
{
    public const float PageWidth = 595, PageHeight = 842;

    /// <returns>The number of pages written.</returns>
    public static int Write(ReportDocument document, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        return Write(document, stream);
    }

    /// <summary>
    /// Renders into native memory, then copies the bytes to <paramref name="destination"/> from managed code: an I/O error
    /// (a full disk) is then an ordinary exception. Handed a managed stream, SkiaSharp writes through a native callback, and
    /// an exception thrown there cannot unwind through native frames: the process aborts.
    /// </summary>
    public static int Write(ReportDocument document, Stream destination)
    {
        using var rendered = new SKDynamicMemoryWStream();
        int pages = Render(document, rendered);
        using var data = rendered.DetachAsData();
        destination.Write(data.AsSpan());
        destination.Flush();
        return pages;
    }

    static int Render(ReportDocument document, SKWStream stream)
    {
        var draft = new PageLayout(document, null).Run();
        var final = new PageLayout(document, draft.HeadingPages).Run();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Title,
            Creator = "agop-repro (SkiaSharp PDF backend)",
            Producer = "SkiaSharp",
            RasterDpi = 300,
        };
        using var pdf = SKDocument.CreatePdf(stream, metadata);
        using var footerFont = ReportFonts.Font(ReportFonts.Regular, 8);
        using var footerPaint = new SKPaint { Color = SKColors.Gray, IsAntialias = true };
        for (int i = 0; i < final.Pages.Count; i++)
        {
            var canvas = pdf.BeginPage(PageWidth, PageHeight);
            foreach (var draw in final.Pages[i]) draw(canvas);
            if (i > 0)
            {
                canvas.DrawText($"{document.Title}", PageLayout.Margin, PageHeight - 24, SKTextAlign.Left, footerFont, footerPaint);
                canvas.DrawText($"page {i + 1} of {final.Pages.Count}", PageWidth - PageLayout.Margin, PageHeight - 24, SKTextAlign.Right, footerFont, footerPaint);
            }
            pdf.EndPage();
        }
        pdf.Close();
        return final.Pages.Count;
    }
}
