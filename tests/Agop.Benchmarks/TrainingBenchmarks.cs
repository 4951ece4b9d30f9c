using Agop.Science.Data;
using Agop.Science.Data.Synthetic;
using Agop.Science.Torch;
using Agop.Science.Training;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>Training one SPEC MLP: 4,000 samples, 200 epochs, batch 256, Adam.</summary>
public class TrainingBenchmarks
{
    TabularData _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: Environment.ProcessorCount, device: "cpu");
        _data = SyntheticBenchmark.Generate(new SyntheticSpec("linear", 5000, 20, 3, 5, 0.2, 0.3, 1e-4), seed: 0).Data;
    }

    [Benchmark]
    public void TrainOneModel() => Trainer.Train(_data, new TrainSettings(200, 256, 1e-3, [256, 256, 128, 64]), seed: 0, CPU).Dispose();
}
