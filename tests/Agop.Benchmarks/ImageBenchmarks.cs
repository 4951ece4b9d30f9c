using Agop.Science.Attribution;
using Agop.Science.Images.Agop;
using Agop.Science.Images.Data;
using Agop.Science.Images.Models;
using Agop.Science.Images.Training;
using Agop.Science.Torch;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Agop.Benchmarks;

/// <summary>Part 3: each image method on 1,000 XAI-TRIS test images (linear, white) through CNN8by8; diag(M) over 8,000; 50 training epochs.</summary>
[MemoryDiagnoser(false)]
public class ImageBenchmarks
{
    Cnn8by8 _model = null!;
    Tensor _x = null!, _target = null!, _train = null!, _trainY = null!, _val = null!, _valY = null!;
    float[] _diagonal = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Use(threads: 1, device: "cpu");
        var data = XaiTrisGenerator.Generate(new XaiTrisSpec("linear", "white", 0.18, 10_000, 0));
        _train = tensor(data.Train.X, [data.Train.Count, 1, 8, 8]);
        _trainY = tensor(data.Train.Y);
        _val = tensor(data.Val.X, [data.Val.Count, 1, 8, 8]);
        _valY = tensor(data.Val.Y);
        _x = tensor(data.Test.X, [data.Test.Count, 1, 8, 8]);
        _model = ImageTrainer.Train(_train, _trainY, _val, _valY, new ImageTrainSettings(20, 512, 5e-4, 400, true),
            new AgopHookSettings(1000), seed: 0).Model;
        _target = ClassGradient.Predict(_model.forward, _x);
        _diagonal = AgopDiagonal.Compute(_model.forward, _train, AgopTarget.Predicted, ExplainedOutput.Logit);
    }

    [Benchmark] public void AgopWeighted() => new AgopWeighted(_model.forward, _diagonal).Attribute(_x, _target).Dispose();
    [Benchmark] public void AgopLocal() => new AgopLocal(_model.forward).Attribute(_x, _target).Dispose();
    [Benchmark] public void AgopGlobal() => new AgopGlobal(_diagonal).Attribute(_x, _target).Dispose();
    [Benchmark] public void VanillaGrad() => new VanillaGradient(_model.forward).Attribute(_x, _target).Dispose();
    [Benchmark] public void IntegratedGradients50() => new IntegratedGradients(_model.forward, 50, IntegratedGradients.GaussLegendreRule).Attribute(_x, _target).Dispose();
    [Benchmark] public void SmoothGrad50() => new SmoothGrad(_model.forward, 50, 0.15, SmoothGrad.Paper, seed: 0).Attribute(_x, _target).Dispose();
    [Benchmark] public void GradCamNearest() => new GradCam(_model, "conv4", Agop.Science.Attribution.GradCam.Nearest, true, false).Attribute(_x, _target).Dispose();
    [Benchmark] public void RandomMap() => new RandomAttribution(seed: 0).Attribute(_x, _target).Dispose();
    [Benchmark] public void AgopDiagonalOver8000() => AgopDiagonal.Compute(_model.forward, _train, AgopTarget.Predicted, ExplainedOutput.Logit);

    /// <summary>One tenth of XT's schedule (500 epochs): the per-epoch cost of training with the checkpoint hook every 10 epochs.</summary>
    [Benchmark] public void Train50Epochs() => ImageTrainer.Train(_train, _trainY, _val, _valY, new ImageTrainSettings(50, 512, 5e-4, 400, true),
        new AgopHookSettings(10), seed: 1).Model.Dispose();
}
