using System.Diagnostics;
using Agop.Pipeline.Engine;
using Agop.Science.Attribution;
using Agop.Science.Attribution.Catalog;
using Agop.Science.IO.Artifacts;
using static TorchSharp.torch;

namespace Agop.Build.Families;

/// <summary>
/// The one attribution path every stage takes (Part 1's test sets, ROAR's rankings, Part 4's real-data rows, Part 3's images): the method
/// built for the model, its baselines, the predicted class of each explained row, timed as <c>attribution_seconds</c>.
/// </summary>
public static class SubjectAttribution
{
    /// <param name="x">The explained inputs (rows of a table, or images), on the model's device.</param>
    /// <param name="rows">Which test rows <paramref name="x"/> holds, recorded in the artifact; null when it is the whole set in order.</param>
    public static AttributionArtifact Attribute(UnitContext context, ExplainedModel subject, MethodDescriptor method, MethodSettings options, Tensor x,
        long[]? rows = null)
    {
        using var scope = NewDisposeScope();
        var explainer = subject.Create(method, options);
        var baselines = subject.Baselines(method, options, x);
        var predicted = ClassGradient.Predict(subject.Model.forward, x);
        var clock = Stopwatch.StartNew();
        var attribution = explainer.Attribute(x, predicted, baselines).cpu();
        context.Record("attribution_seconds", clock.Elapsed.TotalSeconds);
        return new AttributionArtifact(attribution.data<float>().ToArray(), predicted.cpu().data<long>().ToArray(), (int)x.shape.Skip(1).Aggregate(1L, (a, b) => a * b))
        {
            Rows = rows,
        };
    }
}
