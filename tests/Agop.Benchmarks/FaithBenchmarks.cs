using Agop.Science.Attribution;
using Agop.Science.Attribution.Fei;
using Agop.Science.Faithfulness;
using Agop.Science.Images.Models;
using Agop.Science.Models;
using Agop.Science.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>
/// Part 4: insertion and deletion for one method over 1,000 tabular samples (the Part 1 MLP, 21 curve points); FEI (300 steps,
/// 19 quantiles, one-sided clipping) on 256 samples of CNN8by8 (8×8) and of the Adult-shaped MLP (104 → 256-256-128-64 → 2).
/// </summary>
[MemoryDiagnoser(false)]
public class FaithBenchmarks
{
    Mlp _tabular = null!, _adult = null!;
    Cnn8by8 _cnn = null!;
    Tensor _x = null!, _attribution = null!, _mean = null!, _images = null!, _imageTarget = null!, _blurred = null!, _adultX = null!, _adultTarget = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: 1, device: "cpu");
        var generator = new TorchSharp.torch.Generator(0);
        _tabular = new Mlp(20, [256, 256, 128, 64], 3, seed: 0);
        _x = randn(1000, 20, generator: generator);
        _attribution = new InputXGradient(_tabular.forward).Attribute(_x, ClassGradient.Predict(_tabular.forward, _x));
        _mean = zeros(1, 20);
        _cnn = new Cnn8by8(seed: 0);
        _images = randn(256, 1, 8, 8, generator: generator);
        _imageTarget = ClassGradient.Predict(_cnn.forward, _images);
        _blurred = RiseBlur.Apply(_images);
        _adult = new Mlp(104, [256, 256, 128, 64], 2, seed: 0);
        _adultX = randn(256, 104, generator: generator);
        _adultTarget = ClassGradient.Predict(_adult.forward, _adultX);
    }

    [Benchmark] public void InsertionDeletion1000Tabular() =>
        new PerturbationCurves(FaithfulnessScores.Logits(_tabular)).Compute(_x, _attribution, _mean, _mean).Dispose();

    [Benchmark] public void Fei256Cnn8by8() =>
        new FeiOptimizer(_cnn, new FeiSettings(), seed: 0).Attribute(_images, _imageTarget, _blurred, zeros(1)).Dispose();

    [Benchmark] public void Fei256AdultMlp() =>
        new FeiOptimizer(_adult, new FeiSettings(), seed: 0).Attribute(_adultX, _adultTarget, zeros(1, 104), zeros(1, 104)).Dispose();
}
