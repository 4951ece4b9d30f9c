using System.Runtime.InteropServices;

namespace Agop.Pipeline.Engine;

/// <summary>The facts about this machine and process that go into every manifest and the report.</summary>
public static class RunEnvironment
{
    // Per run, not per process: two runs in one process (the tests, a host and its in-process units) each record their own
    // facts. A run's units see the facts its host set before starting them (the execution context flows into their tasks).
    static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> Extra = new();

    /// <summary>Adds a fact known only to a higher layer (e.g. the TorchSharp and libtorch versions), for this run.</summary>
    public static void Set(string name, string value)
    {
        var copy = new Dictionary<string, string>(Extra.Value ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [name] = value };
        Extra.Value = copy;
    }

    public static IReadOnlyDictionary<string, string> Describe()
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["os"] = RuntimeInformation.OSDescription,
            ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["cpu"] = CpuModel(),
            ["logical_cores"] = System.Environment.ProcessorCount.ToString(),
            ["machine"] = System.Environment.MachineName,
            ["optimized"] = CodeOptimization.IsOptimized ? "true" : "false",
        };
        foreach (var (k, v) in Extra.Value ?? new Dictionary<string, string>()) facts[k] = v;
        return facts;
    }

    static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
