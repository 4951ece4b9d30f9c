using Agop.Build.Targets;
using Agop.Pipeline.Engine;
using Agop.Report;

namespace Agop.Build.Cli;

/// <summary>Copies the report unit's outputs to the well-known places: artifacts/report.pdf and artifacts/report/.</summary>
public static class ReportExport
{
    public static string Export(ArtifactStore store, WorkUnit report, string artifactsDirectory)
    {
        string source = Path.Combine(store.UnitDirectory(report), ReportTarget.OutputFolder);
        string folder = Path.Combine(artifactsDirectory, ReportTarget.OutputFolder);
        Directory.CreateDirectory(folder);
        var current = Directory.GetFiles(source).Select(Path.GetFileName).ToHashSet();
        foreach (var stale in Directory.GetFiles(folder).Where(f => !current.Contains(Path.GetFileName(f))))
            File.Delete(stale);
        foreach (var file in Directory.GetFiles(source))
        {
            string name = Path.GetFileName(file);
            if (name == ReportWriter.PdfName) continue;
            CopyAtomically(file, Path.Combine(folder, name));
        }
        string pdf = Path.Combine(artifactsDirectory, ReportWriter.PdfName);
        CopyAtomically(Path.Combine(source, ReportWriter.PdfName), pdf);
        return pdf;
    }

    static void CopyAtomically(string source, string destination)
    {
        string temp = destination + $".{Environment.ProcessId}.tmp";
        File.Copy(source, temp, overwrite: true);
        File.Move(temp, destination, overwrite: true);
    }
}
