using System.Text.RegularExpressions;

namespace Agop.Pipeline.Config;

/// <summary>A named robustness variant: the base config with some [choice]s changed, planned beside the base.</summary>
public sealed partial record ConfigVariant(string Name, ExperimentConfig Config)
{
    /// <summary>The keys whose value differs from <paramref name="baseConfig"/>, as "key: value".</summary>
    public IReadOnlyList<string> Changes(ExperimentConfig baseConfig) => Config.Keys
        .Where(k => Config.Text(k) != baseConfig.Text(k))
        .Select(k => $"{k}: {Config.Text(k)}")
        .ToList();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}
