namespace Agop.Science.Training;

public sealed record TrainSettings(int Epochs, int BatchSize, double LearningRate, IReadOnlyList<int> Hidden);
