using Agop.Science.Attribution;
using Agop.Science.Images.Agop;

namespace Agop.Science.Images.Training;

/// <summary>CNN8by8 training (SPEC §10.3, XT's schedule): Adam, mini-batches, early stopping on the summed validation loss.</summary>
/// <param name="DoubleSoftmax">XT applies CrossEntropyLoss to the softmax output (softmax twice); false trains on the logits.</param>
public sealed record ImageTrainSettings(int Epochs, int BatchSize, double LearningRate, int Patience, bool DoubleSoftmax);

/// <summary>
/// The training-time AGOP hook (SPEC §10.4): the weights of every <paramref name="TrackEvery"/>-th epoch are kept as checkpoints
/// (diag(M) is computed from them later, with any AGOP target); with <paramref name="Online"/>, g² is also accumulated per batch.
/// </summary>
public sealed record AgopHookSettings(int TrackEvery, OnlineAgop? Online = null);

/// <summary>The online hook's AGOP: it must be fixed during training, so only this mode makes training depend on it.</summary>
public sealed record OnlineAgop(AgopTarget Target, ExplainedOutput Output);
