using static TorchSharp.torch;

namespace Agop.Science.Models;

/// <summary>One named intermediate output of a forward pass (a convolution's or a ReLU's), still attached to the graph.</summary>
public sealed record LayerOutput(string Name, string Kind, Tensor Output);

/// <summary>A classifier whose forward pass can name its intermediate outputs (GradCAM and the internal-faithfulness metrics read them).</summary>
public interface ILayeredModel
{
    /// <summary>The logits, and every named layer output in forward order.</summary>
    (Tensor Logits, IReadOnlyList<LayerOutput> Layers) Trace(Tensor input);

    /// <summary>The names <see cref="Trace"/> gives, in forward order (for error messages and config validation).</summary>
    IReadOnlyList<string> LayerNames { get; }
}
