using Agop.Science.Attribution;
using Agop.Science.Data.Synthetic;
using Agop.Science.Models;
using Agop.Science.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>Attributing 1,000 test samples × 20 features through the SPEC MLP (256-256-128-64), as in Part 1.</summary>
[MemoryDiagnoser(false)]
public class AttributionBenchmarks
{
    Mlp _model = null!;
    Tensor _x = null!, _target = null!, _baseline = null!, _background = null!, _mean = null!, _std = null!;
    AgopFactor _agop = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: Environment.ProcessorCount, device: "cpu");
        var data = SyntheticBenchmark.Generate(new SyntheticSpec("sparse", 5000, 20, 3, 5, 0.2, 0.25, 1e-4), seed: 0).Data;
        _model = new Mlp(20, [256, 256, 128, 64], 3, seed: 0);
        _model.eval();
        var train = tensor(data.TrainX, [data.TrainCount, 20]);
        _x = tensor(data.TestX, [data.TestCount, 20]);
        _target = ClassGradient.Predict(_model.forward, _x);
        _baseline = train.mean([0], keepdim: true);
        _background = train.narrow(0, 0, 200);
        _mean = train.mean([0]);
        _std = train.std([0], unbiased: false);
        _agop = AgopFactor.Fit(_model.forward, train, 0.01);
    }

    [Benchmark] public void AgopIxG() => new AgopInputXGradient(_model.forward, _agop).Attribute(_x, _target, _baseline).Dispose();
    [Benchmark] public void InputXGradient() => new InputXGradient(_model.forward).Attribute(_x, _target).Dispose();
    [Benchmark] public void IntegratedGradients50() => new IntegratedGradients(_model.forward, 50).Attribute(_x, _target, _baseline).Dispose();
    [Benchmark] public void DeepShap200() => new DeepShap(_model).Attribute(_x, _target, _background).Dispose();
    [Benchmark] public void Lime1000() => new Lime(_model.forward, _mean, _std, 1000, 0.75, 1.0, seed: 0).Attribute(_x, _target).Dispose();
}
