using Agop.Build.Targets;
using Agop.Pipeline.Engine;
using Agop.Report;

namespace Agop.Build.Cli;

/// <summary>Copies the report unit's outputs to the well-known places: artifacts/report.pdf and artifacts/report/.</summary>
public static class ReportExport
{
    /// <returns>The path of the published PDF. Throws IOException or UnauthorizedAccessException when publishing fails.</returns>
    public static string Export(ArtifactStore store, WorkUnit report, string artifactsDirectory)
    {
        string unitFolder = store.UnitDirectory(report);
        var manifest = Manifest.TryRead(Path.Combine(unitFolder, Manifest.FileName), out var problem)
            ?? throw new IOException($"{unitFolder}: {problem}");
        // Only files the manifest lists (and so hashes) are published; anything else in the unit folder is ignored.
        string prefix = ReportTarget.OutputFolder + "/";
        var listed = manifest.Files.Select(f => f.Name)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && !name[prefix.Length..].Contains('/'))
            .Select(name => name[prefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        if (!listed.Remove(ReportWriter.PdfName)) throw new IOException($"{unitFolder}: the report unit lists no {ReportWriter.PdfName}");

        // Two runs finishing together on one folder publish one after the other; any temp file found here is stale.
        using var exclusive = store.Lock("report-export");
        foreach (var stale in Directory.GetFiles(artifactsDirectory, ReportWriter.PdfName + ".*.tmp")) File.Delete(stale);
        string folder = Path.Combine(artifactsDirectory, ReportTarget.OutputFolder);
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder).Where(f => !listed.Contains(Path.GetFileName(f))))
            File.Delete(stale);
        string source = Path.Combine(unitFolder, ReportTarget.OutputFolder);
        foreach (var name in listed.Order(StringComparer.Ordinal))
            CopyAtomically(Path.Combine(source, name), Path.Combine(folder, name));
        string pdf = Path.Combine(artifactsDirectory, ReportWriter.PdfName);
        CopyAtomically(Path.Combine(source, ReportWriter.PdfName), pdf);
        return pdf;
    }

    static void CopyAtomically(string source, string destination)
    {
        string temp = destination + $".{Environment.ProcessId}.tmp";
        try
        {
            File.Copy(source, temp, overwrite: true);
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // the next export removes it
    }
}
