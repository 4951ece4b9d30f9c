namespace Agop.Statistics;

/// <summary>Accuracy and predicted class from row-major class probabilities.</summary>
public static class Classification
{
    public static double Accuracy(float[] probabilities, long[] labels, int classes)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
            if (ArgMax(probabilities.AsSpan(i * classes, classes)) == labels[i]) correct++;
        return correct / (double)labels.Length;
    }

    /// <summary>Index of the largest value; ties go to the lower index.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
        return best;
    }
}
