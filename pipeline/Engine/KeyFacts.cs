namespace Agop.Pipeline.Engine;

/// <summary>
/// Facts of a run that can change a unit's bits without changing its code, settings or inputs: the toolchain (TorchSharp, libtorch and
/// where it comes from, MKL's reproducibility mode) and the torch thread count. They go into the key of each unit whose compiled code
/// reaches <see cref="Marker"/> (the file every unit that computes with torch calls first); a unit that never reaches it computes
/// without torch, so none of them can change its bits and they are left out of its key.
/// </summary>
/// <param name="Marker">The source file (repository-relative) whose reach makes the facts matter.</param>
/// <param name="Toolchain">Name → value, e.g. libtorch → 2.10.0.</param>
public sealed class KeyFacts(string marker, IReadOnlyDictionary<string, string> toolchain, int threads)
{
    public string Marker { get; } = marker;
    public IReadOnlyDictionary<string, string> Toolchain { get; } = toolchain;
    public int Threads { get; } = threads;

    public const string Prefix = "run.";
    public const string ThreadsName = "torch_threads";

    public static readonly KeyFacts None = new("", new Dictionary<string, string>(), 0);

    static readonly IReadOnlyDictionary<string, string> NoFacts = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The facts a unit whose code reaches <paramref name="reach"/> is keyed by, under <see cref="Prefix"/> (one shared instance).</summary>
    public IReadOnlyDictionary<string, string> For(IReadOnlySet<string> reach) =>
        Marker.Length == 0 || !reach.Contains(Marker) ? NoFacts : _keyed;

    readonly IReadOnlyDictionary<string, string> _keyed = Keyed(toolchain, threads);

    static SortedDictionary<string, string> Keyed(IReadOnlyDictionary<string, string> toolchain, int threads)
    {
        var facts = new SortedDictionary<string, string>(toolchain.ToDictionary(kv => Prefix + kv.Key, kv => kv.Value), StringComparer.Ordinal);
        facts[Prefix + ThreadsName] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return facts;
    }

    /// <summary>Why a unit is stale when only facts changed: "toolchain changed: libtorch 2.10.0 → 2.11.0" or "torch threads changed: 1 → 2".</summary>
    public static string? Reason(IReadOnlyList<(string Name, string? Old, string? New)> changed)
    {
        var facts = changed.Where(c => c.Name.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (facts.Count == 0) return null;
        string Text((string Name, string? Old, string? New) c) => $"{c.Name[Prefix.Length..]} {c.Old ?? "(not keyed)"} → {c.New ?? "(not keyed)"}";
        var threads = facts.Where(c => c.Name == Prefix + ThreadsName).ToList();
        var toolchain = facts.Except(threads).ToList();
        var parts = new List<string>();
        if (toolchain.Count > 0) parts.Add("toolchain changed: " + string.Join(", ", toolchain.Select(Text)));
        if (threads.Count > 0) parts.Add($"torch threads changed: {threads[0].Old ?? "(not keyed)"} → {threads[0].New ?? "(not keyed)"}");
        return string.Join("; ", parts);
    }
}
