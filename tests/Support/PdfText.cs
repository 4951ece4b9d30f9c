using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Agop.Tests.Support;

/// <summary>Text of a PDF, page after page, read in-process with PdfPig (no external tool needed).</summary>
public static class PdfText
{
    public static string Extract(string pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n\f", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page, addDoubleNewline: false)));
    }
}
