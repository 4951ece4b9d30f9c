using System.Runtime.InteropServices;

namespace Agop.Pipeline.Engine;

/// <summary>The facts about this machine and process that go into every manifest and the report.</summary>
public static class RunEnvironment
{
    static readonly Dictionary<string, string> Extra = new(StringComparer.Ordinal);

    /// <summary>Adds a fact known only to a higher layer (e.g. the TorchSharp and libtorch versions).</summary>
    public static void Set(string name, string value)
    {
        lock (Extra) Extra[name] = value;
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
        };
        lock (Extra)
            foreach (var (k, v) in Extra) facts[k] = v;
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
