using Agop.Science.Attribution;
using Agop.Science.Images.Agop;

namespace Agop.Science.Images.Training;

/// <summary>CNN8by8 training (SPEC §10.3, XT's schedule): Adam, mini-batches, early stopping on the summed validation loss.</summary>
/// <param name="DoubleSoftmax">XT applies CrossEntropyLoss to the softmax output (softmax twice); false trains on the logits.</param>
public sealed record ImageTrainSettings(int Epochs, int BatchSize, double LearningRate, int Patience, bool DoubleSoftmax);

/// <summary>The training-time AGOP hook (SPEC §10.4).</summary>
/// <param name="Mode">checkpoint: exact diag(M) every <paramref name="TrackEvery"/> epochs; online: g² accumulated per batch.</param>
/// <param name="Output">The output whose gradient enters diag(M): the one the attributions explain.</param>
public sealed record AgopHookSettings(AgopHookMode Mode, int TrackEvery, AgopTarget Target, ExplainedOutput Output);

public enum AgopHookMode { Checkpoint, Online }
