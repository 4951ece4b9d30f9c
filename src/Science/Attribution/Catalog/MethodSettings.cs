namespace Agop.Science.Attribution.Catalog;

/// <summary>A method's option values as read from the config (exactly its declared options), part of its unit keys.</summary>
public sealed record MethodSettings(string Method, SortedDictionary<string, object> Options)
{
    public long Int(string option) => (long)Get(option);
    public double Double(string option) => (double)Get(option);
    public bool Bool(string option) => (bool)Get(option);
    public string Text(string option) => (string)Get(option);
    public bool Has(string option) => Options.ContainsKey(option);

    object Get(string option) => Options.TryGetValue(option, out var value)
        ? value : throw new KeyNotFoundException($"method {Method} did not declare the option '{option}'");

    /// <summary>Reads every declared option through <paramref name="read"/> (a config reader that records the keys).</summary>
    public static MethodSettings Read(MethodDescriptor method, Func<string, object> read, Modalities modality = Modalities.Tabular) =>
        new(method.Id, new SortedDictionary<string, object>(
            method.OptionsFor(modality).ToDictionary(o => o.Name, o => read(method.OptionKey(o.Name, modality))), StringComparer.Ordinal));
}
