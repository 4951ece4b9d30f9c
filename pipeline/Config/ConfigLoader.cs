using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Agop.Pipeline.Config;

/// <summary>Reads a YAML config, applies --set overrides and validates everything against a schema.</summary>
public static class ConfigLoader
{
    public static ExperimentConfig Load(ConfigSchema schema, string path, IEnumerable<string>? overrides = null)
    {
        if (!File.Exists(path)) throw new ConfigException(path, 0, "", "config file not found");
        string text = File.ReadAllText(path);
        return Parse(schema, path, text, overrides);
    }

    public static ExperimentConfig Parse(ConfigSchema schema, string path, string text, IEnumerable<string>? overrides = null)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var root = LoadRoot(path, text);
        if (root is not null)
        {
            if (root is not YamlMappingNode mapping)
                throw new ConfigException(path, Line(root), "", "the top level of a config must be a mapping of keys");
            Walk(schema, path, mapping, "", values);
        }
        foreach (var assignment in overrides ?? [])
            ApplyOverride(schema, assignment, values);
        foreach (var key in schema.Keys)
            values.TryAdd(key.Path, new ConfigValue(key.Default, "default"));
        return new ExperimentConfig(path, text, values);
    }

    static YamlNode? LoadRoot(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(path, (int)e.Start.Line, "", "not valid YAML: " + Inner(e).Message);
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1) throw new ConfigException(path, 0, "", "a config holds one YAML document");
        var root = stream.Documents[0].RootNode;
        return root is YamlScalarNode { Value: null or "" } ? null : root;
    }

    static void Walk(ConfigSchema schema, string path, YamlMappingNode mapping, string prefix, Dictionary<string, ConfigValue> values)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
                throw new ConfigException(path, Line(keyNode), prefix, "keys must be plain names");
            string full = prefix.Length == 0 ? name : prefix + "." + name;
            if (schema.TryGet(full, out var key))
            {
                var value = ConfigValueParser.Parse(key, valueNode, out var problem)
                    ?? throw new ConfigException(path, Line(valueNode), full, problem!);
                values[full] = new ConfigValue(value, $"{path}:{Line(keyNode)}");
            }
            else if (schema.IsSection(full))
            {
                if (valueNode is not YamlMappingNode section)
                    throw new ConfigException(path, Line(valueNode), full, "is a section; expected nested keys");
                Walk(schema, path, section, full, values);
            }
            else
            {
                var hint = schema.ClosestKey(full) is { } close ? $" (did you mean '{close}'?)" : "";
                throw new ConfigException(path, Line(keyNode), full, "unknown key" + hint);
            }
        }
    }

    static void ApplyOverride(ConfigSchema schema, string assignment, Dictionary<string, ConfigValue> values)
    {
        const string source = "--set";
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ConfigException(source, 0, assignment, "expected key=value");
        string name = assignment[..eq].Trim();
        string raw = assignment[(eq + 1)..];
        if (!schema.TryGet(name, out var key))
        {
            var hint = schema.ClosestKey(name) is { } close ? $" (did you mean '{close}'?)" : "";
            throw new ConfigException(source, 0, name, "unknown key" + hint);
        }
        YamlNode node;
        try
        {
            node = LoadRoot(source, raw) ?? new YamlScalarNode("");
        }
        catch (ConfigException e)
        {
            throw new ConfigException(source, 0, name, e.Problem);
        }
        var value = ConfigValueParser.Parse(key, node, out var problem)
            ?? throw new ConfigException(source, 0, name, problem!);
        values[name] = new ConfigValue(value, $"--set {name}={raw}");
    }

    static int Line(YamlNode node) => (int)node.Start.Line;

    static Exception Inner(Exception e) => e.InnerException is { } inner ? Inner(inner) : e;
}
