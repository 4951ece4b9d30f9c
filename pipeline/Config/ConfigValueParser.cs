using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Agop.Pipeline.Config;

/// <summary>Turns a YAML node into the typed value a key declares, or says why it cannot.</summary>
static class ConfigValueParser
{
    /// <returns>The value, or null with <paramref name="problem"/> set.</returns>
    public static object? Parse(ConfigKey key, YamlNode node, out string? problem)
    {
        problem = null;
        if (key.Type == ConfigType.Blocks) return ParseBlocks(key, node, out problem);
        if (key.IsList)
        {
            if (node is not YamlSequenceNode sequence)
            {
                problem = $"expected a list of {ElementName(key.Type)}s, got {Describe(node)}";
                return null;
            }
            var items = new List<object>();
            foreach (var item in sequence.Children)
            {
                var value = ParseScalar(key, ElementType(key.Type), item, out problem);
                if (value is null) return null;
                items.Add(value);
            }
            if (items.Count < key.MinCount)
            {
                problem = $"expected at least {key.MinCount} item(s), got {items.Count}";
                return null;
            }
            if (key.Unique && items.Distinct().Count() != items.Count)
            {
                problem = "list has duplicate items";
                return null;
            }
            return key.Type switch
            {
                ConfigType.IntList => items.Cast<long>().ToArray(),
                ConfigType.DoubleList => items.Cast<double>().ToArray(),
                _ => (object)items.Cast<string>().ToArray(),
            };
        }
        return ParseScalar(key, key.Type, node, out problem);
    }

    static ConfigBlocks? ParseBlocks(ConfigKey key, YamlNode node, out string? problem)
    {
        problem = null;
        if (node is YamlScalarNode { Value: null or "" }) return ConfigBlocks.Empty;
        if (node is not YamlMappingNode mapping)
        {
            problem = $"expected named blocks (name: {{ {string.Join(", ", key.BlockKeys!.Where(k => k.Required).Select(k => k.Path + ": ..."))} }}), got {Describe(node)}";
            return null;
        }
        var blocks = new List<ConfigBlock>();
        foreach (var (nameNode, body) in mapping.Children)
        {
            if (nameNode is not YamlScalarNode { Value: { } name } || !ConfigBlocks.IsValidName(name))
            {
                problem = $"name '{(nameNode as YamlScalarNode)?.Value}' must start with a lower-case letter and hold only lower-case letters, digits, '-' and '_' (at most 40): it becomes part of unit ids";
                return null;
            }
            if (body is not YamlMappingNode fields)
            {
                problem = $"{name}: expected a block of keys ({string.Join(", ", key.BlockKeys!.Select(k => k.Path))}), got {Describe(body)}";
                return null;
            }
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (fieldNode, valueNode) in fields.Children)
            {
                string field = (fieldNode as YamlScalarNode)?.Value ?? "";
                var sub = key.BlockKeys!.FirstOrDefault(k => k.Path == field);
                if (sub is null)
                {
                    var close = key.BlockKeys!.MinBy(k => ConfigSchema.Levenshtein(field, k.Path))!;
                    string hint = ConfigSchema.Levenshtein(field, close.Path) <= Math.Max(2, field.Length / 3) ? $" (did you mean '{close.Path}'?)" : "";
                    problem = $"{name}: unknown key '{field}'{hint}; a block sets {string.Join(", ", key.BlockKeys!.Select(k => k.Path))}";
                    return null;
                }
                var value = Parse(sub, valueNode, out var inner);
                if (value is null)
                {
                    problem = $"{name}.{field}: {inner}";
                    return null;
                }
                values[field] = value;
            }
            foreach (var sub in key.BlockKeys!)
            {
                if (values.ContainsKey(sub.Path)) continue;
                if (sub.Required)
                {
                    problem = $"{name}: '{sub.Path}' is required ({sub.Description})";
                    return null;
                }
                values[sub.Path] = sub.Default;
            }
            blocks.Add(new ConfigBlock(name, values, (int)nameNode.Start.Line));
        }
        return new ConfigBlocks(blocks);
    }

    static object? ParseScalar(ConfigKey key, ConfigType type, YamlNode node, out string? problem)
    {
        problem = null;
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            problem = $"expected {Article(ElementName(type))}, got {Describe(node)}";
            return null;
        }
        string text = scalar.Value.Trim();
        switch (type)
        {
            case ConfigType.Int:
                if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l))
                {
                    problem = $"expected an integer, got '{text}'";
                    return null;
                }
                return CheckRange(key, l, out problem) ? l : null;
            case ConfigType.Double:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
                {
                    problem = $"expected a number, got '{text}'";
                    return null;
                }
                return CheckRange(key, d, out problem) ? d : null;
            case ConfigType.Bool:
                if (text is "true" or "True" or "false" or "False") return text.StartsWith('t') || text.StartsWith('T');
                problem = $"expected true or false, got '{text}'";
                return null;
            default:
                if (key.Allowed is { Count: > 0 } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    problem = $"'{text}' is not one of: {string.Join(", ", allowed)}";
                    return null;
                }
                return text;
        }
    }

    static bool CheckRange(ConfigKey key, double value, out string? problem)
    {
        problem = null;
        if (key.Min is double min && value < min) problem = $"{Format(value)} is below the minimum {Format(min)}";
        else if (key.Max is double max && value > max) problem = $"{Format(value)} is above the maximum {Format(max)}";
        return problem is null;
    }

    static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    static ConfigType ElementType(ConfigType t) => t switch
    {
        ConfigType.IntList => ConfigType.Int,
        ConfigType.DoubleList => ConfigType.Double,
        ConfigType.StringList => ConfigType.String,
        _ => t,
    };

    static string ElementName(ConfigType t) => ElementType(t) switch
    {
        ConfigType.Int => "integer",
        ConfigType.Double => "number",
        ConfigType.Bool => "boolean",
        _ => "string",
    };

    static string Article(string noun) => ("aeiou".Contains(noun[0]) ? "an " : "a ") + noun;

    static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a section",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "an empty value",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
