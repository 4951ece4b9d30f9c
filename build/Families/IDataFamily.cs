using Agop.Pipeline.Config;
using static TorchSharp.torch;

namespace Agop.Build.Families;

/// <summary>
/// A family of data sets whose trained models the pipeline explains and Part 4 scores: which models the config trains, where their
/// attributions are, how one is loaded and what it is perturbed towards. A new family is its folder under <c>build/Families</c> and one
/// line in <see cref="DataFamilies.All"/>.
/// </summary>
public interface IDataFamily
{
    /// <summary>Its name in unit ids (<c>faith/&lt;name&gt;/&lt;dataset&gt;/seed&lt;seed&gt;/&lt;method&gt;</c>) and in unit settings.</summary>
    string Name { get; }

    /// <summary>Every model of this family the config trains, in report order.</summary>
    IEnumerable<ModelSubject> Subjects(ExperimentConfig config);

    /// <summary>The unit holding <paramref name="method"/>'s attributions of the subject's test samples.</summary>
    string AttributionId(ModelSubject subject, string method);

    /// <summary>The number of classes its models predict (read through <paramref name="c"/>, so it is in the reading unit's key).</summary>
    int Classes(SettingsReader c);

    /// <summary>The subject's test samples and model, from its data and model units' folders.</summary>
    LoadedSubject Load(string data, string model, int classes, Device device);
}
