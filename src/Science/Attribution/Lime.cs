using Agop.Science.Attribution.Catalog;
using Agop.Science.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Agop.Science.Attribution;

/// <summary>
/// LimeTabularExplainer's semantics for continuous features without discretisation: S neighbours drawn from
/// N(mean_train, σ²_train) per feature (the first is x itself), distances on standardised neighbours,
/// kernel √exp(−d²/w²) with w = width·√d, weighted ridge (α, intercept) on the standardised neighbourhood
/// against the target-class probability; all d coefficients kept. Batched across samples.
/// LIME draws its neighbours around the training mean, not around x, so with <c>sharedNeighbourhood</c> the
/// same S − 1 draws serve every sample (common random numbers): each explanation is still exactly LIME's
/// procedure, and the model runs on S − 1 + n rows instead of n·S.
/// </summary>
public sealed class Lime(Func<Tensor, Tensor> model, Tensor trainMean, Tensor trainStd, int samples, double kernelWidthFactor,
    double ridgeAlpha, int seed, bool sharedNeighbourhood = true, int rowsPerPass = 65536) : IAttributionMethod
{
    public static readonly MethodDescriptor Descriptor = new("lime", "LIME",
        "LimeTabularExplainer semantics: weighted ridge on Gaussian neighbours, continuous features",
        static (s, r) => new Lime(r.Model.forward, r.RequireTrainMean(), r.RequireTrainStd(), (int)s.Int("samples"), s.Double("kernel_width"),
            s.Double("ridge_alpha"), r.Seed, s.Bool("shared_neighbourhood")))
    {
        Options =
        [
            new MethodOption("samples", 1000L, "LIME neighbourhood samples (the first is x)", Min: 10, Max: 1_000_000),
            new MethodOption("kernel_width", 0.75, "LIME kernel width factor w/√d", Min: 1e-6, Max: 1000),
            new MethodOption("ridge_alpha", 1.0, "LIME ridge α", Min: 0, Max: 1e6),
            new MethodOption("shared_neighbourhood", true, "draw LIME's neighbours (centred on the training mean) once and share them across samples"),
        ],
        Needs = MethodNeeds.TrainingStatistics,
        Baseline = BaselinePolicy.None,
        RoarSampleBudgetKey = "roar.lime_samples",
    };

    public Tensor Attribute(Tensor inputs, Tensor target, Tensor? baselines = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = inputs.flatten(1);
        long n = x.shape[0], d = x.shape[1];
        var mean = trainMean.flatten();
        var std = trainStd.flatten();
        // Disposed (and so kept alive) at the end: a generator finalized mid-call would free native state in use. It lives on the CPU
        // and the draws move to the compute device, so every device sees the same neighbourhoods (a CUDA tensor cannot use a CPU generator).
        using var generator = new TorchSharp.torch.Generator((ulong)seed, CPU);
        Tensor? shared = null, sharedProbabilities = null;
        if (sharedNeighbourhood)
        {
            shared = (randn([samples - 1, d], dtype: x.dtype, device: CPU, generator: generator).to(x.device) * std).Plus(mean);
            sharedProbabilities = Probabilities(shared);
        }
        return Batching.Chunked(n, rowsPerPass / samples, (start, count) =>
        {
            var xs = x.narrow(0, start, count);
            var classes = target.narrow(0, start, count).to(ScalarType.Int64);
            Tensor neighbours, label;
            if (shared is not null)
            {
                neighbours = cat([xs.unsqueeze(1), shared.unsqueeze(0).expand(count, samples - 1, d)], 1);
                var atX = Probabilities(xs).gather(1, classes.view(-1, 1));
                label = cat([atX, sharedProbabilities!.index_select(1, classes).t()], 1);
            }
            else
            {
                neighbours = (randn([count, samples, d], dtype: x.dtype, device: CPU, generator: generator).to(x.device) * std).Plus(mean);
                neighbours[TensorIndex.Colon, 0] = xs;
                label = Probabilities(neighbours.view(count * samples, d)).view(count, samples, -1)
                    .gather(2, classes.view(-1, 1, 1).expand(count, samples, 1)).squeeze(-1);
            }
            // The neighbourhood-sized temporaries are freed as soon as they are used, not at the end of the pass: the same
            // operations, about half the peak memory of a pass.
            Tensor scaled;
            using (var centred = neighbours - mean)
            using (var standardised = centred / std)
                scaled = standardised.to(ScalarType.Float64);
            neighbours.Dispose();
            using var two = 2.ToScalar();
            Tensor distance;
            using (var offsets = scaled - scaled[TensorIndex.Colon, 0].unsqueeze(1))
            using (var squared = offsets.pow(two))
                distance = squared.sum(-1).sqrt();
            double width = kernelWidthFactor * Math.Sqrt(d);
            using var widthSquared = (width * width).ToScalar();
            var weights = (-(distance.pow(two))).div(widthSquared).exp().sqrt();
            return WeightedRidge(scaled, label.to(ScalarType.Float64), weights).to(x.dtype);
        }).view(inputs.shape).MoveToOuterDisposeScope();
    }

    Tensor Probabilities(Tensor rows) => nn.functional.softmax(model(rows), 1);

    /// <summary>
    /// sklearn's Ridge(fit_intercept=True) with sample weights: centre by weighted means, penalise only β. Frees
    /// <paramref name="features"/> once centred.
    /// </summary>
    Tensor WeightedRidge(Tensor features, Tensor labels, Tensor weights)
    {
        var w = weights / weights.sum(1, keepdim: true);
        Tensor featureMean;
        using (var weighted = features * w.unsqueeze(-1))
            featureMean = weighted.sum(1, keepdim: true);
        var labelMean = (labels * w).sum(1, keepdim: true);
        var xc = features - featureMean;
        features.Dispose();
        var yc = labels - labelMean;
        var xw = xc * weights.unsqueeze(-1);
        using var alpha = ridgeAlpha.ToScalar();
        var gram = xw.transpose(1, 2).matmul(xc).Plus(eye(xc.shape[2], dtype: xc.dtype, device: xc.device).mul(alpha));
        var rhs = xw.transpose(1, 2).matmul(yc.unsqueeze(-1));
        return linalg.solve(gram, rhs).squeeze(-1);
    }
}
