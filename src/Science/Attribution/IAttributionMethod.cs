using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// Captum's shape: attribute(inputs, target, baselines). Inputs are (n, …) of any trailing shape,
/// target holds the class to explain per sample, baselines broadcast against inputs (methods without
/// a baseline ignore it; DeepSHAP takes its background sample set here, as Captum's DeepLiftShap does).
/// Returns raw (unnormalised) attributions shaped like the inputs.
/// </summary>
public interface IAttributionMethod
{
    Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null);
}
