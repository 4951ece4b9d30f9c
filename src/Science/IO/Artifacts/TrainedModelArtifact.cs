using System.Text.Json;
using Agop.Science.Models;

namespace Agop.Science.IO.Artifacts;

/// <summary>A Train unit's output: the model (safetensors + architecture), test-set probabilities and accuracies.</summary>
public static class TrainedModelArtifact
{
    const string ProbabilitiesFile = "probabilities_test.npy";
    const string TrainingFile = "training.json";

    public static void Write(string folder, Mlp model, float[] testProbabilities, int classes, double trainAccuracy, double testAccuracy)
    {
        ModelFile.Save(model, folder);
        NpyFile.Write(Path.Combine(folder, ProbabilitiesFile), testProbabilities, testProbabilities.Length / classes, classes);
        File.WriteAllText(Path.Combine(folder, TrainingFile), JsonSerializer.Serialize(new { train_accuracy = trainAccuracy, test_accuracy = testAccuracy }));
    }

    public static Mlp ReadModel(string folder) => ModelFile.Load(name => Path.Combine(folder, name));

    public static float[] ReadTestProbabilities(string folder) => NpyFile.Read(Path.Combine(folder, ProbabilitiesFile)).F;
}
