namespace Agop.Science.IO.Artifacts;

/// <summary>
/// An attribution unit's output: raw attributions of the explained samples, the explained (predicted) class of each and, when they are
/// not the whole test set in order, which test rows they are (<see cref="Rows"/>).
/// </summary>
public sealed record AttributionArtifact(float[] Attributions, long[] Predicted, int Features)
{
    const string AttributionsFile = "attributions_test.npy";
    const string PredictedFile = "predicted_test.npy";
    const string RowsFile = "selection.npy";

    /// <summary>The test rows explained, in the artifact's order; null: every test row, in order.</summary>
    public long[]? Rows { get; init; }

    public void Write(string folder)
    {
        NpyFile.Write(Path.Combine(folder, AttributionsFile), Attributions, Predicted.Length, Features);
        NpyFile.Write(Path.Combine(folder, PredictedFile), Predicted, Predicted.Length);
        if (Rows is not null) NpyFile.Write(Path.Combine(folder, RowsFile), Rows, Rows.Length);
    }

    public static AttributionArtifact Read(string folder)
    {
        var attributions = NpyFile.Read(Path.Combine(folder, AttributionsFile));
        string rows = Path.Combine(folder, RowsFile);
        return new AttributionArtifact(attributions.F, NpyFile.Read(Path.Combine(folder, PredictedFile)).L, attributions.Shape[1])
        {
            Rows = File.Exists(rows) ? NpyFile.Read(rows).L : null,
        };
    }
}
