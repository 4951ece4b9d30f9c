using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Agop.Pipeline.Config;

/// <summary>Reads a YAML config, applies --set overrides and validates everything against a schema.</summary>
public static class ConfigLoader
{
    public static ExperimentConfig Load(ConfigSchema schema, string path, IEnumerable<string>? overrides = null)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException("--config", 0, "", "the config path is empty");
        if (Directory.Exists(path)) throw new ConfigException(path, 0, "", "is a directory, not a config file");
        if (!File.Exists(path)) throw new ConfigException(path, 0, "", "config file not found");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", "cannot be read: " + e.Message);
        }
        return Parse(schema, path, text, overrides, requireKeys: true);
    }

    public static ExperimentConfig Parse(ConfigSchema schema, string path, string text, IEnumerable<string>? overrides = null) =>
        Parse(schema, path, text, overrides, requireKeys: false);

    static ExperimentConfig Parse(ConfigSchema schema, string path, string text, IEnumerable<string>? overrides, bool requireKeys)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var root = LoadRoot(path, text);
        // An empty config file would otherwise run the full default experiment without a word.
        if (requireKeys && root is (null or YamlMappingNode { Children.Count: 0 }))
            throw new ConfigException(path, 0, "", "the config file is empty (no keys); set at least 'name', or start from configs/default.yaml");
        if (root is not (null or YamlMappingNode))
            throw new ConfigException(path, Line(root), "", "the top level of a config must be a mapping of keys");
        YamlNode? robustness = null;
        if (root is YamlMappingNode mapping)
        {
            robustness = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: RobustnessKey }).Value;
            Walk(schema, path, new YamlMappingNode(mapping.Children.Where(c => c.Key is not YamlScalarNode { Value: RobustnessKey })), "", values);
        }
        foreach (var assignment in overrides ?? [])
            ApplyOverride(schema, assignment, values);
        foreach (var key in schema.Keys)
            values.TryAdd(key.Path, new ConfigValue(key.Default, "default"));
        return new ExperimentConfig(path, text, values, robustness is null ? [] : Variants(schema, path, text, robustness, values));
    }

    /// <summary>The top-level block of named robustness variants: each a set of overrides of the base config.</summary>
    public const string RobustnessKey = "robustness";

    /// <summary>
    /// Each variant is the base config (file and --set) with its own keys on top, validated as the file's keys are;
    /// an error names the variant.
    /// </summary>
    static IReadOnlyList<ConfigVariant> Variants(ConfigSchema schema, string path, string text, YamlNode block, Dictionary<string, ConfigValue> baseValues)
    {
        if (block is YamlScalarNode { Value: null or "" }) return [];
        if (block is not YamlMappingNode variants)
            throw new ConfigException(path, Line(block), RobustnessKey, "expected named variants, each a mapping of config keys to values (e.g. own-mask: { image.miou.mask: own })");
        var result = new List<ConfigVariant>();
        foreach (var (nameNode, body) in variants.Children)
        {
            if (nameNode is not YamlScalarNode { Value: { } name } || !ConfigVariant.IsValidName(name))
                throw new ConfigException(path, Line(nameNode), RobustnessKey,
                    $"variant name '{(nameNode as YamlScalarNode)?.Value}' must be lower-case letters, digits and '-' (it becomes part of unit ids)");
            if (body is not YamlMappingNode overrides || overrides.Children.Count == 0)
                throw new ConfigException(path, Line(body), $"{RobustnessKey}.{name}", $"robustness variant '{name}' must set at least one config key");
            var values = new Dictionary<string, ConfigValue>(baseValues, StringComparer.Ordinal);
            try
            {
                Walk(schema, path, overrides, "", values, variant: name);
            }
            catch (ConfigException e)
            {
                throw new ConfigException(e.File, e.Line, e.Key, $"in robustness variant '{name}': {e.Problem}");
            }
            result.Add(new ConfigVariant(name, new ExperimentConfig(path, text, values)));
        }
        return result;
    }

    static YamlNode? LoadRoot(string path, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new ConfigException(path, (int)e.Start.Line, "", "not valid YAML: " + Inner(e).Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, with no position, on some unclosed flow collections ("seeds: [0").
            int line = parser.Current is { } last ? (int)last.End.Line : 0;
            throw new ConfigException(path, line, "", "not valid YAML: the parser stopped after this line (is a '[' or '{' left open?)");
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1) throw new ConfigException(path, 0, "", "a config holds one YAML document");
        var root = stream.Documents[0].RootNode;
        return root is YamlScalarNode { Value: null or "" } ? null : root;
    }

    static void Walk(ConfigSchema schema, string path, YamlMappingNode mapping, string prefix, Dictionary<string, ConfigValue> values,
        string? variant = null)
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
                values[full] = new ConfigValue(value, variant is null ? $"{path}:{Line(keyNode)}" : $"{path}:{Line(keyNode)} (variant {variant})");
            }
            else if (schema.IsSection(full))
            {
                if (valueNode is not YamlMappingNode section)
                    throw new ConfigException(path, Line(valueNode), full, "is a section; expected nested keys");
                Walk(schema, path, section, full, values, variant);
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
