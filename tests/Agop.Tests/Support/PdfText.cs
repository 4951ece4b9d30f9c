using System.Diagnostics;

namespace Agop.Tests.Support;

/// <summary>Text of a PDF via poppler's pdftotext (installed by .ci/run when missing).</summary>
public static class PdfText
{
    public static string Extract(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-layout");
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext (poppler-utils) is required");
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "pdftotext failed: " + process.StandardError.ReadToEnd());
        return text;
    }
}
