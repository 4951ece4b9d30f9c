using Agop.Science.Images.Models;

namespace Agop.Science.Images.Training;

public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy);

/// <summary>diag(M) at the end of a tracked epoch (exact from a checkpoint, or accumulated by the online hook).</summary>
public sealed record TrackedDiagonal(int Epoch, float[] DiagM);

/// <summary>The weights at the end of a tracked epoch (<see cref="CnnWeights"/> layout).</summary>
public sealed record TrackedWeights(int Epoch, float[] Weights);

/// <summary>What a training run leaves: the best-validation model, the tracked epochs' weights and the online hook's trace.</summary>
/// <param name="EpochKept">1-based epoch whose weights were kept (the last with the lowest validation loss).</param>
/// <param name="Online">Online mode only: the accumulated diag(M) of each tracked epoch.</param>
/// <param name="OnlineKept">Online mode only: the accumulated diag(M) of the kept epoch.</param>
public sealed record ImageTrainingResult(Cnn8by8 Model, int EpochsRun, int EpochKept, IReadOnlyList<EpochRecord> Log,
    IReadOnlyList<TrackedWeights> Checkpoints, IReadOnlyList<TrackedDiagonal> Online, float[]? OnlineKept, double HookSeconds);
