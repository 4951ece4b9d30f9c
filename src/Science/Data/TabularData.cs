using Agop.Science.IO;

namespace Agop.Science.Data;

/// <summary>A train/test split of standardised features (row-major float32) with integer labels.</summary>
public sealed record TabularData(
    int Features,
    int Classes,
    float[] TrainX,
    long[] TrainY,
    float[] TestX,
    long[] TestY,
    IReadOnlyList<string> FeatureNames)
{
    public int TrainCount => TrainY.Length;
    public int TestCount => TestY.Length;

    public void Save(string folder)
    {
        NpyFile.Write(Path.Combine(folder, "x_train.npy"), TrainX, TrainCount, Features);
        NpyFile.Write(Path.Combine(folder, "y_train.npy"), TrainY, TrainCount);
        NpyFile.Write(Path.Combine(folder, "x_test.npy"), TestX, TestCount, Features);
        NpyFile.Write(Path.Combine(folder, "y_test.npy"), TestY, TestCount);
        File.WriteAllLines(Path.Combine(folder, "features.txt"), FeatureNames);
    }

    public static TabularData Load(Func<string, string> file, int classes)
    {
        var trainX = NpyFile.Read(file("x_train.npy"));
        var testX = NpyFile.Read(file("x_test.npy"));
        return new TabularData(trainX.Shape[1], classes, trainX.F, NpyFile.Read(file("y_train.npy")).L,
            testX.F, NpyFile.Read(file("y_test.npy")).L, File.ReadAllLines(file("features.txt")));
    }

    /// <summary>Per-feature mean of the training rows: the baseline b of every method that takes one.</summary>
    public float[] TrainMean()
    {
        var mean = new double[Features];
        for (int i = 0; i < TrainCount; i++)
            for (int j = 0; j < Features; j++) mean[j] += TrainX[i * Features + j];
        return mean.Select(m => (float)(m / TrainCount)).ToArray();
    }
}
