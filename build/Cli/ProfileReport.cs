using Agop.Pipeline.Engine;
using Agop.Pipeline.Settings;

namespace Agop.Build.Cli;

/// <summary>--profile: the run's per-stage summary (see <see cref="RunProfile"/>), printed and written to the artifacts folder.</summary>
public static class ProfileReport
{
    /// <returns>False when the CSV could not be written (the summary is printed all the same).</returns>
    public static bool Write(RunSummary summary, ArtifactStore store, RunnerSettings settings, TextWriter output, TextWriter errors)
    {
        var stages = RunProfile.Of(summary, store);
        string path = Path.GetFullPath(Path.Combine(settings.ArtifactsDirectory, RunProfile.FileName));
        output.WriteLine($"profile: {stages.Sum(s => s.Units)} units built this run, by stage (also {path}):");
        foreach (var line in RunProfile.Lines(stages)) output.WriteLine("  " + line);
        try
        {
            RunProfile.WriteCsv(path, stages);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: could not write the profile to '{path}': {e.Message}");
            if (settings.Verbosity == Verbosity.Diagnostic) errors.WriteLine(e);
            return false;
        }
    }
}
