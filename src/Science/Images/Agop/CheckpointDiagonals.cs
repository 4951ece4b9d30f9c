using Agop.Science.Attribution;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Images.Agop;

/// <summary>diag(M) of each tracked epoch, from the weights training kept for it, with the AGOP target and output asked for now.</summary>
public static class CheckpointDiagonals
{
    /// <summary>
    /// Images per backward pass: 8,000 at once held about 1 GB in a worker (two trace units together took a default run over
    /// 2 GB). The chunking is fixed, so a trace is a function of its inputs alone; the default run's 40 traces came out byte
    /// for byte as with one pass (its chunks all hold over 256 rows; a smaller last chunk could round differently).
    /// </summary>
    public const int Chunk = 2048;

    /// <param name="inputs">The training images, on the device the diagonals are computed on.</param>
    /// <param name="labels">Needed for the <c>true</c> target.</param>
    public static IReadOnlyList<TrackedDiagonal> Compute(IReadOnlyList<TrackedWeights> checkpoints, Tensor inputs, AgopTarget target,
        ExplainedOutput output, Tensor? labels = null)
    {
        using var model = new Cnn8by8(seed: 0);
        model.to(inputs.device);
        model.eval();
        return checkpoints.Select(checkpoint =>
        {
            CnnWeights.Load(model, checkpoint.Weights);
            return new TrackedDiagonal(checkpoint.Epoch, AgopDiagonal.Compute(model.forward, inputs, target, output, labels, Chunk));
        }).ToList();
    }
}
