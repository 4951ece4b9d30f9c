using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// LimeTabularExplainer's semantics for continuous features without discretisation: S neighbours drawn from
/// N(mean_train, σ²_train) per feature (the first is x itself), distances on standardised neighbours,
/// kernel √exp(−d²/w²) with w = width·√d, weighted ridge (α, intercept) on the standardised neighbourhood
/// against the target-class probability; all d coefficients kept. Batched across samples.
/// </summary>
public sealed class Lime(Func<Tensor, Tensor> model, Tensor trainMean, Tensor trainStd, int samples, double kernelWidthFactor,
    double ridgeAlpha, int seed, int rowsPerPass = 262144) : IAttributionMethod
{
    public string Name => "lime";

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = inputs.flatten(1);
        long n = x.shape[0], d = x.shape[1];
        double width = kernelWidthFactor * Math.Sqrt(d);
        var mean = trainMean.flatten();
        var std = trainStd.flatten();
        var generator = new TorchSharp.torch.Generator((ulong)seed, x.device);
        long chunk = Math.Max(1, rowsPerPass / samples);
        var parts = new List<Tensor>();
        for (long start = 0; start < n; start += chunk)
        {
            long count = Math.Min(chunk, n - start);
            var xs = x.narrow(0, start, count);
            var noise = randn([count, samples, d], dtype: x.dtype, device: x.device, generator: generator);
            var neighbours = noise * std + mean;
            neighbours[TensorIndex.Colon, 0] = xs;
            var scaled = (neighbours - mean) / std;
            var distance = (scaled - scaled[TensorIndex.Colon, 0].unsqueeze(1)).pow(2).sum(-1).sqrt();
            var weights = (-(distance.pow(2)) / (width * width)).exp().sqrt();
            var probabilities = nn.functional.softmax(model(neighbours.view(count * samples, d)), 1).view(count, samples, -1);
            var label = probabilities.gather(2, target.narrow(0, start, count).to(ScalarType.Int64).view(-1, 1, 1)
                .expand(count, samples, 1)).squeeze(-1);
            parts.Add(WeightedRidge(scaled.to(ScalarType.Float64), label.to(ScalarType.Float64), weights.to(ScalarType.Float64)).to(x.dtype));
        }
        return cat(parts, 0).view(inputs.shape).MoveToOuterDisposeScope();
    }

    /// <summary>sklearn's Ridge(fit_intercept=True) with sample weights: centre by weighted means, penalise only β.</summary>
    Tensor WeightedRidge(Tensor features, Tensor labels, Tensor weights)
    {
        var w = weights / weights.sum(1, keepdim: true);
        var featureMean = (features * w.unsqueeze(-1)).sum(1, keepdim: true);
        var labelMean = (labels * w).sum(1, keepdim: true);
        var xc = features - featureMean;
        var yc = labels - labelMean;
        var xw = xc * weights.unsqueeze(-1);
        var gram = xw.transpose(1, 2).matmul(xc) + eye(features.shape[2], dtype: features.dtype, device: features.device) * ridgeAlpha;
        var rhs = xw.transpose(1, 2).matmul(yc.unsqueeze(-1));
        return linalg.solve(gram, rhs).squeeze(-1);
    }
}
