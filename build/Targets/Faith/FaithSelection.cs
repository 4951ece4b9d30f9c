using Agop.Science.Attribution;
using static TorchSharp.torch;

namespace Agop.Build.Targets.Faith;

/// <summary>Which test samples Part 4 scores: the first <c>max</c> correctly classified ones, in index order.</summary>
public static class FaithSelection
{
    public static long[] FirstCorrect(Func<Tensor, Tensor> model, Tensor x, long[] labels, int max)
    {
        var predicted = ClassGradient.Predict(model, x).cpu().data<long>().ToArray();
        return FirstCorrect(predicted, labels, max);
    }

    public static long[] FirstCorrect(long[] predicted, long[] labels, int max) =>
        Enumerable.Range(0, labels.Length).Where(i => predicted[i] == labels[i]).Take(max).Select(i => (long)i).ToArray();
}
