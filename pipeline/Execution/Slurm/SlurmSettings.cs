namespace Agop.Pipeline.Execution.Slurm;

/// <summary>
/// Job resources for <c>--executor slurm</c>, from cake.config's <c>[Slurm]</c> section (or AGOP_SLURM_*).
/// Empty strings leave a resource to the cluster's defaults. A job runs a bundle of units one after another with
/// <c>--cpus-per-task</c> = the runner's torch threads; its time limit is the sum of its units' limits.
/// </summary>
public sealed record SlurmSettings(
    string Partition,
    TimeSpan Time,
    TimeSpan TrainingTime,
    IReadOnlyList<string> LongRunningStages,
    string Memory,
    int Gpus,
    string ExtraArgs,
    int UnitsPerJob)
{
    public static readonly SlurmSettings Defaults = new("", TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        [], "", 0, "", 64);

    /// <summary>The time limit Slurm gets for one unit of <paramref name="stage"/>: TrainingTime for a [LongRunning] target's units.</summary>
    public TimeSpan TimeFor(string stage) =>
        LongRunningStages.Contains(stage, StringComparer.Ordinal) ? TrainingTime : Time;

    /// <summary>Slurm's time format: [days-]hours:minutes:seconds.</summary>
    public static string Format(TimeSpan time)
    {
        var whole = TimeSpan.FromSeconds(Math.Ceiling(time.TotalSeconds));
        string clock = $"{whole.Hours:00}:{whole.Minutes:00}:{whole.Seconds:00}";
        return whole.Days > 0 ? $"{whole.Days}-{clock}" : clock;
    }

    /// <summary>Parses Slurm's time forms: minutes, minutes:seconds, hours:minutes:seconds, days-hours[:minutes[:seconds]].</summary>
    public static bool TryParseTime(string text, out TimeSpan time)
    {
        time = default;
        text = text.Trim();
        int days = 0;
        int dash = text.IndexOf('-');
        if (dash >= 0)
        {
            if (!int.TryParse(text[..dash], out days) || days < 0) return false;
            text = text[(dash + 1)..];
        }
        var parts = text.Split(':');
        if (parts.Length > 3 || parts.Any(p => !int.TryParse(p, out int v) || v < 0)) return false;
        int[] v = parts.Select(int.Parse).ToArray();
        time = (dash >= 0, v.Length) switch
        {
            (false, 1) => TimeSpan.FromMinutes(v[0]),
            (false, 2) => new TimeSpan(0, v[0], v[1]),
            (false, 3) => new TimeSpan(v[0], v[1], v[2]),
            (true, 1) => new TimeSpan(days, v[0], 0, 0),
            (true, 2) => new TimeSpan(days, v[0], v[1], 0),
            (true, 3) => new TimeSpan(days, v[0], v[1], v[2]),
            _ => default,
        };
        return time > TimeSpan.Zero;
    }
}
