namespace Agop.Pipeline.Execution.Slurm;

/// <summary>Parses what sbatch, squeue and sinfo print in the formats <see cref="SlurmCommands"/> asks for.</summary>
public static class SlurmOutput
{
    /// <summary>"123" or "123;cluster" (sbatch --parsable).</summary>
    public static string ParseJobId(string output)
    {
        string line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        string id = line.Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : throw new SlurmException($"sbatch printed no job id: '{output.Trim()}'");
    }

    /// <summary>Lines "id|STATE|reason" (squeue --format=%i|%T|%r --array).</summary>
    public static IReadOnlyDictionary<string, SlurmJobState> ParseStates(string output)
    {
        var states = new Dictionary<string, SlurmJobState>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            if (parts.Length < 2 || parts[0].Length == 0) continue;
            states[parts[0]] = new SlurmJobState(parts[0], parts[1], parts.Length > 2 ? parts[2] : "");
        }
        return states;
    }

    /// <summary>Lines "name|timelimit" (sinfo --format=%P|%l); the default partition carries a '*'.</summary>
    public static IReadOnlyList<SlurmPartition> ParsePartitions(string output)
    {
        var partitions = new List<SlurmPartition>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('|');
            string name = parts[0].TrimEnd('*');
            if (name.Length == 0 || partitions.Any(p => p.Name == name)) continue;
            TimeSpan? limit = parts.Length > 1 && SlurmSettings.TryParseTime(parts[1], out var t) ? t : null;
            partitions.Add(new SlurmPartition(name, parts[0].EndsWith('*'), limit));
        }
        return partitions;
    }
}
