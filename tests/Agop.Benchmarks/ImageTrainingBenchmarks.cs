using Agop.Science.Images.Data;
using Agop.Science.Images.Training;
using Agop.Science.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>
/// CNN8by8 training in groups (one thread): G models, each on its own XAI-TRIS data set (8,000 training images), for one
/// fiftieth of XT's schedule (10 of 500 epochs, the checkpoint hook every 10). Per operation = per model: × 50 is one model's 500 epochs.
/// </summary>
[MemoryDiagnoser(false)]
public class ImageTrainingBenchmarks
{
    const int Epochs = 10;
    readonly List<ImageTrainingMember> _members = [];

    [Params(1, 8, 40)] public int Group;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: 1, device: "cpu");
        string[] scenarios = ["linear", "multiplicative", "translations_rotations", "xor"];
        for (int k = 0; k < Group; k++)
        {
            var data = XaiTrisGenerator.Generate(new XaiTrisSpec(scenarios[k % 4], k % 8 < 4 ? "white" : "correlated", 0.18, 10_000, k));
            _members.Add(new ImageTrainingMember(tensor(data.Train.X, [data.Train.Count, 1, 8, 8]), tensor(data.Train.Y),
                tensor(data.Val.X, [data.Val.Count, 1, 8, 8]), tensor(data.Val.Y), Seed: k));
        }
    }

    [Benchmark]
    public void TrainGroup()
    {
        foreach (var result in ImageTrainer.Train(_members, new ImageTrainSettings(Epochs, 512, 5e-4, 400, true), new AgopHookSettings(10)))
            result.Model.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var m in _members)
        {
            m.TrainX.Dispose();
            m.TrainY.Dispose();
            m.ValX.Dispose();
            m.ValY.Dispose();
        }
        _members.Clear();
    }
}
