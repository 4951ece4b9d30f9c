using Agop.Science.Images.Models;

namespace Agop.Science.Images.Training;

public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy);

/// <summary>diag(M) at the end of a tracked epoch (exact in checkpoint mode, accumulated in online mode).</summary>
public sealed record TrackedDiagonal(int Epoch, float[] DiagM);

/// <summary>What a training run leaves: the best-validation model and the hook's trace.</summary>
/// <param name="EpochKept">1-based epoch whose weights were kept (the last with the lowest validation loss).</param>
/// <param name="OnlineKept">Online mode only: the accumulated diag(M) of the kept epoch.</param>
/// <param name="CheckpointKept">Checkpoint mode only: the exact diag(M) of the kept weights, computed by the hook.</param>
public sealed record ImageTrainingResult(Cnn8by8 Model, int EpochsRun, int EpochKept, IReadOnlyList<EpochRecord> Log,
    IReadOnlyList<TrackedDiagonal> Tracked, float[]? OnlineKept, float[]? CheckpointKept, double HookSeconds);
