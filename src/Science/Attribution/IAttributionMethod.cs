using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// Captum's shape: attribute(inputs, target, baselines). Inputs are (n, …) of any trailing shape,
/// target holds the class to explain per sample, baselines broadcast against inputs (methods without
/// a baseline ignore it). Returns raw (unnormalised) attributions shaped like the inputs.
/// </summary>
public interface IAttributionMethod
{
    string Name { get; }
    Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null);
}
